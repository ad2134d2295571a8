import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { SelfServiceInsights } from '@slipway/backstage-plugin-slipway-common';
import { minutesInWords } from './durations';
import { ExportButton } from './ExportButton';
import { FiguresTable } from './FiguresTable';
import { lastWeeks } from './outcomes';
import { RunsPerWeekCard } from './RunsPerWeekCard';

/**
 * How the self-service actions are used: runs per week by outcome and action, the applications restarted most (an
 * application restarted often is an unstable one), and how long approvals wait.
 */
export function SelfServiceCards(props: {
  value: SelfServiceInsights;
  titleOf: (action: string) => string;
}) {
  const { value, titleOf } = props;
  const copiesSeen = value.databaseCopies.some(
    w => w.alive || w.made || w.expired || w.destroyedEarly,
  );
  return (
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
            <ExportButton
              fileName="slipway-most-restarted.csv"
              header={['application', 'restarts']}
              rows={value.mostRestarted.map(r => [r.entityRef, r.restarts])}
            />
          }
        >
          {value.mostRestarted.length ? (
            <FiguresTable
              label="Applications restarted most"
              columns={['Application', 'Restarts']}
              rows={value.mostRestarted.map(r => ({
                key: r.entityRef,
                cells: [
                  <EntityRefLink entityRef={r.entityRef} hideIcon />,
                  r.restarts,
                ],
              }))}
            />
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
              <strong>{minutesInWords(value.approvalWait.p50Minutes)}</strong>{' '}
              for an approval or a rejection; 95% up to{' '}
              <strong>{minutesInWords(value.approvalWait.p95Minutes)}</strong>.
            </Typography>
          ) : (
            <Typography>
              No run was approved or rejected in this period.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item style={{ minWidth: 0 }}>
        <InfoCard
          title="Runs by team"
          subheader="Over the period, by the team each application's manifest names now"
          action={
            <ExportButton
              fileName="slipway-runs-by-team.csv"
              header={['team', 'action', 'runs']}
              rows={value.byTeam.map(r => [r.team, r.action, r.count])}
            />
          }
        >
          {value.byTeam.length ? (
            <FiguresTable
              label="Runs by team and action"
              columns={['Team', 'Action', 'Runs']}
              textColumns={2}
              rows={value.byTeam.map(r => ({
                key: `${r.team} ${r.action}`,
                cells: [
                  r.team === 'unknown' ? (
                    'unknown'
                  ) : (
                    <EntityRefLink entityRef={r.team} hideIcon />
                  ),
                  titleOf(r.action),
                  r.count,
                ],
              }))}
            />
          ) : (
            <Typography>No team ran an action in this period.</Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item style={{ minWidth: 0 }}>
        <InfoCard
          title="Database copies"
          subheader="Alive at the end of each week (now, for this one); made, expired and destroyed early in it"
          action={
            <ExportButton
              fileName="slipway-database-copies.csv"
              header={['week', 'alive', 'made', 'expired', 'destroyed_early']}
              rows={(copiesSeen ? value.databaseCopies : []).map(w => [
                w.week,
                w.alive,
                w.made,
                w.expired,
                w.destroyedEarly,
              ])}
            />
          }
        >
          {copiesSeen ? (
            <FiguresTable
              label="Database copies per week"
              columns={[
                'Week of',
                'Alive',
                'Made',
                'Expired',
                'Destroyed early',
              ]}
              rows={value.databaseCopies.map(w => ({
                key: w.week,
                cells: [w.week, w.alive, w.made, w.expired, w.destroyedEarly],
              }))}
            />
          ) : (
            <Typography>No database copy was alive in this period.</Typography>
          )}
        </InfoCard>
      </Grid>
    </>
  );
}
