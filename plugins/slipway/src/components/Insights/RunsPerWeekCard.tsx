import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { WeeklyRuns } from '@slipway/backstage-plugin-slipway-common';
import { WeeklyBarChart } from './WeeklyBarChart';
import { WholeWords } from '../Words';
import { downloadCsv, toCsv } from './csv';
import {
  Outcome,
  OUTCOMES,
  outcomesByAction,
  weeklyOutcomes,
} from './outcomes';

/**
 * Runs per week, stacked by outcome, with the same figures as tables (per week, and per action over the period) for
 * screen readers and for reading exact numbers; the CSV holds every week × action × status.
 */
export const RunsPerWeekCard = (props: {
  runs: WeeklyRuns[];
  weeks: string[];
  titleOf: (action: string) => string;
}) => {
  const theme = useTheme<any>();
  const status = theme.palette.status ?? {};
  const colour: Record<Outcome, string> = {
    Succeeded: status.ok ?? theme.palette.success.main,
    Failed: status.error ?? theme.palette.error.main,
    Stopped: status.warning ?? theme.palette.warning.main,
    'Not yet ended': status.pending ?? theme.palette.grey[500],
  };
  const weekly = weeklyOutcomes(props.runs, props.weeks);
  const perAction = outcomesByAction(props.runs);
  const exportCsv = () =>
    downloadCsv(
      'slipway-runs-per-week.csv',
      toCsv(
        ['week', 'action', 'status', 'runs'],
        props.runs.map(r => [r.week, r.action, r.status, r.count]),
      ),
    );

  return (
    <InfoCard
      title="Runs per week, by outcome"
      action={
        <Button size="small" onClick={exportCsv} disabled={!props.runs.length}>
          Export CSV
        </Button>
      }
    >
      {!props.runs.length ? (
        <Typography>
          No runs in this period: the self-service actions have not been used.
        </Typography>
      ) : (
        <>
          <WeeklyBarChart
            data={weekly}
            height={260}
            legend
            bars={OUTCOMES.map(o => ({
              key: o,
              colour: colour[o],
              stack: 'runs',
            }))}
          />
          <Typography variant="subtitle2" component="h3">
            Over the period, by action
          </Typography>
          <WholeWords>
            <Table size="small" aria-label="Runs by action">
              <TableHead>
                <TableRow>
                  <TableCell>Action</TableCell>
                  {OUTCOMES.map(o => (
                    <TableCell key={o} align="right">
                      {o}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {perAction.map(({ action, counts }) => (
                  <TableRow key={action}>
                    <TableCell>{props.titleOf(action)}</TableCell>
                    {OUTCOMES.map(o => (
                      <TableCell key={o} align="right">
                        {counts[o]}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </WholeWords>
          <Box mt={3}>
            <Typography variant="subtitle2" component="h3">
              Week by week
            </Typography>
          </Box>
          <WholeWords>
            <Table size="small" aria-label="Runs per week">
              <TableHead>
                <TableRow>
                  <TableCell>Week of</TableCell>
                  {OUTCOMES.map(o => (
                    <TableCell key={o} align="right">
                      {o}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {weekly.map(row => (
                  <TableRow key={row.week}>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      {row.week}
                    </TableCell>
                    {OUTCOMES.map(o => (
                      <TableCell key={o} align="right">
                        {row[o]}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </WholeWords>
        </>
      )}
    </InfoCard>
  );
};
