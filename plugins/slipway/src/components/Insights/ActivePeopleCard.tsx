import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { ActivePeople } from '@slipway/backstage-plugin-slipway-common';
import { WeeklyBarChart } from './WeeklyBarChart';
import { ExportButton } from './ExportButton';
import { FiguresTable } from './FiguresTable';

/**
 * People who acted in the portal each week, from the audit log (any action: reading the catalog, running actions).
 * The audit log is a plugin of its own: where it is not installed, the card says so.
 */
export function ActivePeopleCard(props: {
  people: { value?: ActivePeople; error?: Error };
  weeks: string[];
}) {
  const theme = useTheme<any>();
  const { value, error } = props.people;
  const counts = new Map(value?.byWeek.map(w => [w.week, w.people]) ?? []);
  const rows = props.weeks.map(week => ({
    week,
    People: counts.get(week) ?? 0,
  }));
  let body;
  if (
    error &&
    (error as { response?: { status?: number } }).response?.status === 404
  )
    body = (
      <Typography>
        The audit log is not installed in this portal
        (@slipway/backstage-plugin-audit-log-backend), so Insights cannot count
        the people who use it.
      </Typography>
    );
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value) body = null;
  else if (!value.byWeek.length)
    body = <Typography>Nobody acted in the portal in this period.</Typography>;
  else
    body = (
      <>
        <WeeklyBarChart
          data={rows}
          height={200}
          bars={[{ key: 'People', colour: theme.palette.primary.main }]}
        />
        <FiguresTable
          label="Active people per week"
          columns={['Week of', 'People']}
          rows={rows.map(r => ({ key: r.week, cells: [r.week, r.People] }))}
        />
      </>
    );
  return (
    <InfoCard
      title="Active people"
      subheader="People who did anything in the portal each week, from the audit log"
      action={
        <ExportButton
          fileName="slipway-active-people.csv"
          header={['week', 'people']}
          rows={value?.byWeek.length ? rows.map(r => [r.week, r.People]) : []}
        />
      }
    >
      {body}
    </InfoCard>
  );
}
