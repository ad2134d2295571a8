import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  DeliveryInsights,
  Release,
} from '@slipway/backstage-plugin-slipway-common';
import { WeeklyBarChart } from './WeeklyBarChart';
import { ExportButton } from './ExportButton';
import { FiguresTable } from './FiguresTable';
import { HistoryNote } from './HistoryNote';
import { hoursInWords } from './durations';

/** Releases to production as a table: application, version, when, lead time. */
export function ReleasesTable(props: { releases: Release[]; label: string }) {
  return (
    <FiguresTable
      label={props.label}
      columns={[
        'Application',
        'Version',
        'Environment',
        'Released',
        'Lead time',
      ]}
      textColumns={4}
      rows={props.releases.map(r => ({
        key: `${r.application} ${r.environment} ${r.deployedAt}`,
        cells: [
          <EntityRefLink
            entityRef={`component:default/${r.application}`}
            hideIcon
          />,
          r.version,
          r.environment,
          new Date(r.deployedAt).toLocaleString(),
          hoursInWords(r.leadTimeHours),
        ],
      }))}
    />
  );
}

/**
 * Delivery, from the GitOps history of each environment's version: deployments per week and environment, lead time
 * from the first environment to production, and production changes followed within a day by a restart or rollback.
 */
export function DeliveryCards(props: {
  delivery: DeliveryInsights;
  weeks: string[];
}) {
  const { delivery } = props;
  const theme = useTheme<any>();
  const indexed = Boolean(delivery.history.indexed);
  const environments = [
    ...new Set(delivery.deployments.map(d => d.environment)),
  ];
  const palette = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.status?.ok ?? theme.palette.success.main,
    theme.palette.status?.warning ?? theme.palette.warning.main,
    theme.palette.grey[600],
  ];
  const perWeek = props.weeks.map(week => ({
    week,
    ...Object.fromEntries(
      environments.map(env => [
        env,
        delivery.deployments.find(d => d.week === week && d.environment === env)
          ?.count ?? 0,
      ]),
    ),
  })) as Array<Record<string, string | number>>;
  const changes = delivery.changeFailures.reduce(
    (sum, w) => sum + w.changes,
    0,
  );
  const failures = delivery.changeFailures.reduce(
    (sum, w) => sum + w.failures,
    0,
  );
  const production = delivery.productionEnvironments.join(', ') || 'production';

  return (
    <>
      <Grid item style={{ minWidth: 0 }}>
        <InfoCard
          title="Deployments per week"
          subheader="Changes of an environment's version in the GitOps repository"
          action={
            <ExportButton
              fileName="slipway-deployments-per-week.csv"
              header={['week', 'environment', 'deployments']}
              rows={delivery.deployments.map(d => [
                d.week,
                d.environment,
                d.count,
              ])}
            />
          }
        >
          <HistoryNote history={delivery.history} />
          {indexed && !environments.length && (
            <Typography>
              No environment's version changed in this period.
            </Typography>
          )}
          {indexed && environments.length > 0 && (
            <>
              <WeeklyBarChart
                data={perWeek}
                height={240}
                legend
                bars={environments.map((env, i) => ({
                  key: env,
                  colour: palette[i % palette.length],
                }))}
              />
              <FiguresTable
                label="Deployments per week and environment"
                columns={['Week of', ...environments]}
                rows={perWeek.map(row => ({
                  key: String(row.week),
                  cells: [row.week, ...environments.map(env => row[env])],
                }))}
              />
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item style={{ minWidth: 0 }}>
        <InfoCard
          title="Lead time to production"
          subheader={`From a version's first appearance in ${delivery.firstEnvironment} to ${production}`}
          action={
            <ExportButton
              fileName="slipway-recent-releases.csv"
              header={[
                'application',
                'version',
                'environment',
                'released',
                'lead_time_hours',
              ]}
              rows={delivery.recentReleases.map(r => [
                r.application,
                r.version,
                r.environment,
                r.deployedAt,
                r.leadTimeHours ?? '',
              ])}
            />
          }
        >
          {!indexed && <HistoryNote history={delivery.history} />}
          {indexed && !delivery.leadTime.releases && (
            <Typography>
              No version reached {production} in this period.
            </Typography>
          )}
          {indexed && delivery.leadTime.releases > 0 && (
            <>
              <Typography>
                {delivery.leadTime.p50Hours === undefined ? (
                  <>
                    {delivery.leadTime.releases} releases to {production}; none
                    of their versions was in {delivery.firstEnvironment} first,
                    so there is no lead time to show.
                  </>
                ) : (
                  <>
                    Half of the {delivery.leadTime.releases} releases to{' '}
                    {production} took up to{' '}
                    <strong>{hoursInWords(delivery.leadTime.p50Hours)}</strong>;
                    95% up to{' '}
                    <strong>{hoursInWords(delivery.leadTime.p95Hours)}</strong>.
                  </>
                )}
              </Typography>
              <Box mt={2}>
                <Typography variant="subtitle2" component="h3">
                  Latest releases
                </Typography>
              </Box>
              <ReleasesTable
                releases={delivery.recentReleases}
                label="Latest releases to production"
              />
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item style={{ minWidth: 0 }}>
        <InfoCard
          title="Production changes followed by a restart or rollback"
          subheader="Within a day of the change, in the same environment: a sign the change went wrong"
          action={
            <ExportButton
              fileName="slipway-change-failures.csv"
              header={['week', 'changes', 'followed_by_restart_or_rollback']}
              rows={delivery.changeFailures.map(w => [
                w.week,
                w.changes,
                w.failures,
              ])}
            />
          }
        >
          {!indexed && <HistoryNote history={delivery.history} />}
          {indexed && !changes && (
            <Typography>
              No change reached {production} in this period.
            </Typography>
          )}
          {indexed && changes > 0 && (
            <>
              <Typography>
                {failures} of {changes} changes to {production} (
                {Math.round((failures / changes) * 100)}%) were followed within
                a day by a restart or a rollback.
              </Typography>
              <FiguresTable
                label="Production changes per week"
                columns={[
                  'Week of',
                  'Changes',
                  'Followed by a restart or rollback',
                ]}
                rows={delivery.changeFailures.map(w => ({
                  key: w.week,
                  cells: [w.week, w.changes, w.failures],
                }))}
              />
            </>
          )}
        </InfoCard>
      </Grid>
    </>
  );
}
