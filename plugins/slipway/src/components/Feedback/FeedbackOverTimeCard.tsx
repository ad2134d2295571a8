import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { PlatformFeedback } from '@slipway/backstage-plugin-slipway-common';
import { WeeklyBarChart } from '../Insights/WeeklyBarChart';
import { ExportButton } from '../Insights/ExportButton';
import { FiguresTable } from '../Insights/FiguresTable';

/** Ratings (helpful or not) and notes per week over the period: is the platform liked more or less than before? */
export function FeedbackOverTimeCard(props: {
  byWeek: PlatformFeedback['byWeek'];
}) {
  const theme = useTheme<any>();
  const status = theme.palette.status ?? {};
  const rows = props.byWeek.map(w => ({
    week: w.week,
    Helpful: w.helpful,
    'Not helpful': w.notHelpful,
    Notes: w.notes,
  }));
  return (
    <InfoCard
      title="Feedback over time"
      subheader="Runs rated and notes sent, per week (Monday, UTC)"
      action={
        <ExportButton
          fileName="slipway-feedback-per-week.csv"
          header={['week', 'helpful', 'not_helpful', 'notes']}
          rows={props.byWeek.map(w => [
            w.week,
            w.helpful,
            w.notHelpful,
            w.notes,
          ])}
        />
      }
    >
      {!rows.length ? (
        <Typography>No rating and no note in this period.</Typography>
      ) : (
        <>
          <WeeklyBarChart
            data={rows}
            height={220}
            legend
            bars={[
              {
                key: 'Helpful',
                colour: status.ok ?? theme.palette.success.main,
                stack: 'ratings',
              },
              {
                key: 'Not helpful',
                colour: status.error ?? theme.palette.error.main,
                stack: 'ratings',
              },
              { key: 'Notes', colour: theme.palette.primary.main },
            ]}
          />
          <FiguresTable
            label="Feedback per week"
            columns={['Week of', 'Helpful', 'Not helpful', 'Notes']}
            rows={props.byWeek.map(w => ({
              key: w.week,
              cells: [w.week, w.helpful, w.notHelpful, w.notes],
            }))}
          />
        </>
      )}
    </InfoCard>
  );
}
