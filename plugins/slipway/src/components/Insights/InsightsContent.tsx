import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { WholeWords } from '../Words';
import { PeriodPicker } from '../PeriodPicker';
import { downloadCsv, toCsv } from './csv';
import { lastWeeks } from './outcomes';
import { RunsPerWeekCard } from './RunsPerWeekCard';

const PERIODS = [4, 12, 26, 52];

/** A wait in words: minutes up to two hours, hours beyond. */
function minutes(value?: number): string {
  if (value === undefined) return '—';
  if (value < 120) return `${value} min`;
  return `${Math.round((value / 60) * 10) / 10} h`;
}

/**
 * Platform → Insights: how the self-service actions are used, computed from the runs Slipway records — runs per week
 * by outcome and action, the applications restarted most (an application restarted often is an unstable one), and how
 * long approvals wait. A platform admin sees every application; everyone else their teams'.
 */
export const InsightsContent = () => {
  const api = useApi(slipwayApiRef);
  const [weeks, setWeeks] = useState(12);
  const insights = useAsync(
    () => api.getSelfServiceInsights(weeks),
    [api, weeks],
  );
  const actions = useAsync(() => api.listActions(), [api]);
  const titleOf = (action: string) =>
    actions.value?.find(a => a.name === action)?.title ?? action;

  if (insights.error) return <ResponseErrorPanel error={insights.error} />;
  const value = insights.loading ? undefined : insights.value;
  return (
    // minWidth 0: a column item may be narrower than its widest table, which then scrolls in its card (phones).
    <Grid container spacing={3} direction="column">
      <Grid item style={{ minWidth: 0 }}>
        <PeriodPicker
          id="insights-period"
          value={weeks}
          options={PERIODS.map(p => ({ value: p, label: `Last ${p} weeks` }))}
          onChange={setWeeks}
        >
          {value && (
            <Typography variant="body2">
              {value.scope === 'all'
                ? 'Every application.'
                : "Your teams' applications (platform admins see every application)."}{' '}
              Weeks start on Monday (UTC).
            </Typography>
          )}
        </PeriodPicker>
      </Grid>
      {!value ? (
        <Progress />
      ) : (
        <>
          <Grid item style={{ minWidth: 0 }}>
            <RunsPerWeekCard
              runs={value.runs}
              weeks={lastWeeks(value.weeks)}
              titleOf={titleOf}
            />
          </Grid>
          <Grid item style={{ minWidth: 0 }}>
            <InfoCard
              title="Applications restarted most"
              subheader="An application restarted often is one that needs attention"
              action={
                <Button
                  size="small"
                  disabled={!value.mostRestarted.length}
                  onClick={() =>
                    downloadCsv(
                      'slipway-most-restarted.csv',
                      toCsv(
                        ['application', 'restarts'],
                        value.mostRestarted.map(r => [r.entityRef, r.restarts]),
                      ),
                    )
                  }
                >
                  Export CSV
                </Button>
              }
            >
              {value.mostRestarted.length ? (
                <WholeWords>
                  <Table size="small" aria-label="Applications restarted most">
                    <TableHead>
                      <TableRow>
                        <TableCell>Application</TableCell>
                        <TableCell align="right">Restarts</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {value.mostRestarted.map(r => (
                        <TableRow key={r.entityRef}>
                          <TableCell>
                            <EntityRefLink entityRef={r.entityRef} hideIcon />
                          </TableCell>
                          <TableCell align="right">{r.restarts}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </WholeWords>
              ) : (
                <Typography>No restarts in this period.</Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item style={{ minWidth: 0 }}>
            <InfoCard title="How long approvals wait">
              {value.approvalWait.decided ? (
                <Typography>
                  Half of the {value.approvalWait.decided} runs decided in this
                  period waited up to{' '}
                  <strong>{minutes(value.approvalWait.p50Minutes)}</strong> for
                  an approval or a rejection; 95% up to{' '}
                  <strong>{minutes(value.approvalWait.p95Minutes)}</strong>.
                </Typography>
              ) : (
                <Typography>
                  No run was approved or rejected in this period.
                </Typography>
              )}
            </InfoCard>
          </Grid>
        </>
      )}
    </Grid>
  );
};
