import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  ActivePeople,
  AdoptionInsights,
} from '@slipway/backstage-plugin-slipway-common';
import { ActivePeopleCard } from './ActivePeopleCard';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { WeeklyBarChart } from './WeeklyBarChart';
import { ExportButton } from './ExportButton';
import { FiguresTable } from './FiguresTable';
import { HistoryNote } from './HistoryNote';

/**
 * Adoption, from the GitOps repository's history: applications with a manifest and manifests with problems at the
 * end of each week, and the applications made per week, by type and team.
 */
export function AdoptionCards(props: {
  adoption: AdoptionInsights;
  people: { value?: ActivePeople; error?: Error };
}) {
  const { adoption } = props;
  const theme = useTheme<any>();
  const status = theme.palette.status ?? {};
  const indexed = Boolean(adoption.history.indexed);
  const created = new Map<string, number>();
  const byTeam = new Map<
    string,
    { type: string; owner: string; count: number }
  >();
  for (const row of adoption.newApplications) {
    created.set(row.week, (created.get(row.week) ?? 0) + row.count);
    const key = `${row.owner}\0${row.type}`;
    const entry = byTeam.get(key) ?? {
      type: row.type,
      owner: row.owner,
      count: 0,
    };
    entry.count += row.count;
    byTeam.set(key, entry);
  }
  const perWeek = adoption.byWeek.map(w => ({
    week: w.week,
    'New applications': created.get(w.week) ?? 0,
  }));
  const teams = [...byTeam.values()].sort(
    (a, b) => b.count - a.count || a.owner.localeCompare(b.owner),
  );

  return (
    <>
      <Grid item style={{ minWidth: 0 }}>
        <InfoCard
          title="Applications with a manifest"
          subheader="At the end of each week (now, for this one)"
          action={
            <ExportButton
              fileName="slipway-applications-per-week.csv"
              header={['week', 'applications', 'manifests_with_problems']}
              rows={
                indexed
                  ? adoption.byWeek.map(w => [
                      w.week,
                      w.applications,
                      w.problems,
                    ])
                  : []
              }
            />
          }
        >
          <HistoryNote history={adoption.history} />
          {indexed && (
            <>
              <div aria-hidden style={{ width: '100%', height: 240 }}>
                <ResponsiveContainer>
                  <LineChart data={adoption.byWeek} accessibilityLayer={false}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="week" tick={{ fontSize: 12 }} />
                    <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Legend />
                    <Line
                      type="monotone"
                      dataKey="applications"
                      name="Applications"
                      stroke={theme.palette.primary.main}
                      isAnimationActive={false}
                    />
                    <Line
                      type="monotone"
                      dataKey="problems"
                      name="Manifests with problems"
                      stroke={status.error ?? theme.palette.error.main}
                      isAnimationActive={false}
                    />
                  </LineChart>
                </ResponsiveContainer>
              </div>
              <FiguresTable
                label="Applications with a manifest, week by week"
                columns={['Week of', 'Applications', 'Manifests with problems']}
                rows={adoption.byWeek.map(w => ({
                  key: w.week,
                  cells: [w.week, w.applications, w.problems],
                }))}
              />
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item style={{ minWidth: 0 }}>
        <InfoCard
          title="New applications"
          subheader="Applications whose manifest first appeared in the period"
          action={
            <ExportButton
              fileName="slipway-new-applications.csv"
              header={['week', 'type', 'team', 'applications']}
              rows={adoption.newApplications.map(r => [
                r.week,
                r.type,
                r.owner,
                r.count,
              ])}
            />
          }
        >
          {!indexed && <HistoryNote history={adoption.history} />}
          {indexed && !teams.length && (
            <Typography>No application was added in this period.</Typography>
          )}
          {indexed && teams.length > 0 && (
            <>
              <WeeklyBarChart
                data={perWeek}
                height={200}
                bars={[
                  {
                    key: 'New applications',
                    colour: theme.palette.primary.main,
                  },
                ]}
              />
              <Box mt={1}>
                <Typography variant="subtitle2" component="h3">
                  Over the period, by team and type
                </Typography>
              </Box>
              <FiguresTable
                label="New applications by team and type"
                columns={['Team', 'Type', 'New applications']}
                textColumns={2}
                rows={teams.map(t => ({
                  key: `${t.owner} ${t.type}`,
                  cells: [
                    t.owner === 'unknown' ? (
                      'unknown'
                    ) : (
                      <EntityRefLink entityRef={t.owner} hideIcon />
                    ),
                    t.type,
                    t.count,
                  ],
                }))}
              />
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item style={{ minWidth: 0 }}>
        <ActivePeopleCard
          people={props.people}
          weeks={adoption.byWeek.map(w => w.week)}
        />
      </Grid>
    </>
  );
}
