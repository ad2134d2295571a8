import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EnvironmentStatus } from '@slipway/backstage-plugin-slipway-common';
import { DateTime } from 'luxon';
import { ReactNode } from 'react';
import Alert from '@material-ui/lab/Alert';
import { HealthLabel, SyncLabel } from '../LiveStateLabel';

const useStyles = makeStyles(theme => ({
  links: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1.5) },
  drift: { color: theme.palette.warning.main },
  reason: { display: 'block', maxWidth: 360 },
  head: { whiteSpace: 'nowrap' },
  // Short values (versions, statuses, link titles) stay on one line; the actions column wraps instead.
  nowrap: { whiteSpace: 'nowrap' },
}));

/** When every environment is unknown for one reason (e.g. no Argo CD at all), say it once above the table. */
export function sharedUnknownReason(
  environments: EnvironmentStatus[],
): string | undefined {
  const reasons = environments
    .filter(env => env.desired)
    .map(env =>
      env.live.state === 'unknown'
        ? env.live.reason?.replace(
            / for .+ \(slipway\.environments\[\d+\]/,
            ' (slipway.environments[]',
          )
        : undefined,
    );
  return reasons.length > 1 &&
    reasons[0] &&
    reasons.every(r => r === reasons[0])
    ? reasons[0]
    : undefined;
}

/** Readable "3 hours ago", with the exact time in the user's time zone on hover. */
export const RelativeTime = ({ iso }: { iso?: string }) => {
  if (!iso) return <>—</>;
  const time = DateTime.fromISO(iso);
  return (
    <span title={time.toLocaleString(DateTime.DATETIME_FULL)}>
      {time.toRelative()}
    </span>
  );
};

function Running({ env }: { env: EnvironmentStatus }) {
  const classes = useStyles();
  if (env.live.state !== 'known') return <>—</>;
  const running = env.live.version ?? 'unknown';
  const drift =
    env.desired && env.live.version && env.live.version !== env.desired.version;
  return drift ? (
    <span
      className={classes.drift}
      title={`The manifest wants ${env.desired!.version}`}
    >
      {running} (drift)
    </span>
  ) : (
    <>{running}</>
  );
}

/**
 * One row per environment: what the manifest wants, what runs, Argo CD's sync and health, when it last synced,
 * and the links that open the right logs, dashboard and Argo CD application. `actions` adds a last column.
 */
export const EnvironmentsTable = (props: {
  environments: EnvironmentStatus[];
  actions?: (env: EnvironmentStatus) => ReactNode;
}) => {
  const classes = useStyles();
  const shared = sharedUnknownReason(props.environments);
  return (
    <>
      {shared && (
        <Alert severity="info">
          Live state unknown in every environment: {shared}.
        </Alert>
      )}
      <Table size="small" aria-label="Environments">
        <TableHead>
          <TableRow className={classes.head}>
            <TableCell>Environment</TableCell>
            <TableCell>Manifest wants</TableCell>
            <TableCell>Running</TableCell>
            <TableCell>Sync</TableCell>
            <TableCell>Health</TableCell>
            <TableCell>Last sync</TableCell>
            <TableCell>Links</TableCell>
            {props.actions && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.environments.map(env => (
            <TableRow key={env.name} data-testid={`environment-${env.name}`}>
              <TableCell>
                <Typography variant="body2">
                  <strong>{env.title}</strong>{' '}
                  {env.production && (
                    <Chip label="production" size="small" color="secondary" />
                  )}
                </Typography>
                {env.kubernetes && (
                  <Typography variant="caption" color="textSecondary">
                    {env.kubernetes.cluster} / {env.kubernetes.namespace}
                  </Typography>
                )}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {env.desired ? (
                  <>
                    {env.desired.version}
                    {env.desired.replicas !== undefined &&
                      ` × ${env.desired.replicas}`}
                    {env.desired.suspended && ' (suspended)'}
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell className={classes.nowrap}>
                <Running env={env} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <SyncLabel live={env.live} />
              </TableCell>
              <TableCell>
                <span className={classes.nowrap}>
                  <HealthLabel live={env.live} />
                </span>
                {env.live.state === 'unknown' && !shared && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    className={classes.reason}
                  >
                    {env.live.reason}
                  </Typography>
                )}
              </TableCell>
              <TableCell className={classes.nowrap}>
                <RelativeTime iso={env.live.syncedAt} />
              </TableCell>
              <TableCell>
                <div className={classes.links}>
                  {env.links.map(link => (
                    <Link
                      key={link.title}
                      to={link.url}
                      title={link.url}
                      className={classes.nowrap}
                    >
                      {link.title}
                    </Link>
                  ))}
                  {env.links.length === 0 && '—'}
                </div>
              </TableCell>
              {props.actions && <TableCell>{props.actions(env)}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
