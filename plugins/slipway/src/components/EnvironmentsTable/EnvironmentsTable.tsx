import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Paper from '@material-ui/core/Paper';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { EnvironmentStatus } from '@slipway/backstage-plugin-slipway-common';
import { DateTime } from 'luxon';
import { ReactNode } from 'react';
import Alert from '@material-ui/lab/Alert';
import { HealthLabel, SyncLabel } from '../LiveStateLabel';
import { WholeWords } from '../Words';

const useStyles = makeStyles(theme => ({
  links: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1.5) },
  drift: { color: theme.palette.warning.main },
  reason: { display: 'block', maxWidth: 360 },
  head: { whiteSpace: 'nowrap' },
  // Short values (versions, statuses, link titles) stay on one line; the actions column wraps instead.
  nowrap: { whiteSpace: 'nowrap' },
  // The theme's secondary colour under white text is too faint to read (4.2:1; WCAG AA asks 4.5:1).
  production: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
  },
  cards: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: theme.spacing(2),
  },
  card: { padding: theme.spacing(2) },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(1, 2),
    alignItems: 'baseline',
    margin: theme.spacing(2, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, minWidth: 0 },
  },
  cardActions: {
    borderTop: `1px solid ${theme.palette.divider}`,
    paddingTop: theme.spacing(2),
  },
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

/** No environment has Argo CD configured: a setup choice, said once in words rather than as a fault. */
function notConnected(environments: EnvironmentStatus[]): boolean {
  return environments
    .filter(env => env.desired)
    .every(env => env.live.connected === false);
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
 * The version, replicas and suspension the manifest declares, and the pause (recorded in the manifest or, with the
 * Kubernetes executor, on the workload).
 */
const Wants = ({ env }: { env: EnvironmentStatus }) => {
  if (!env.desired) return <>—</>;
  const { version, replicas, suspended } = env.desired;
  const paused = env.paused;
  return (
    <>
      {version}
      {/* Paused, "× 0" says less than the line below. */}
      {replicas !== undefined && !paused && ` × ${replicas}`}
      {suspended && ' (suspended)'}
      {paused && (
        <Typography variant="caption" color="textSecondary" display="block">
          Paused <RelativeTime iso={paused.since} />
          {paused.until && (
            <>
              , resumes <RelativeTime iso={paused.until} />
            </>
          )}
          {paused.replicas
            ? `; Resume brings back ${paused.replicas} replica${
                paused.replicas === 1 ? '' : 's'
              }`
            : ''}
        </Typography>
      )}
    </>
  );
};

const Title = ({ env }: { env: EnvironmentStatus }) => {
  const classes = useStyles();
  return (
    <>
      <strong>{env.title}</strong>{' '}
      {env.production && (
        <Chip label="production" size="small" className={classes.production} />
      )}
    </>
  );
};

const Where = ({ env }: { env: EnvironmentStatus }) =>
  env.kubernetes ? (
    <Typography variant="caption" color="textSecondary" display="block">
      {env.kubernetes.cluster} / {env.kubernetes.namespace}
    </Typography>
  ) : null;

const Health = (props: { env: EnvironmentStatus; shared?: string }) => {
  const classes = useStyles();
  const { env } = props;
  return (
    <>
      <span className={classes.nowrap}>
        <HealthLabel live={env.live} />
      </span>
      {env.live.state === 'unknown' && !props.shared && (
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.reason}
        >
          {env.live.reason}
        </Typography>
      )}
    </>
  );
};

const Links = ({ env }: { env: EnvironmentStatus }) => {
  const classes = useStyles();
  return (
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
  );
};

type Props = {
  environments: EnvironmentStatus[];
  actions?: (env: EnvironmentStatus) => ReactNode;
};

/** On a laptop: one row per environment, the buttons in the last column. */
const Rows = (props: Props & { shared?: string }) => {
  const classes = useStyles();
  return (
    <WholeWords>
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
                <Typography variant="body2" component="div">
                  <Title env={env} />
                </Typography>
                <Where env={env} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <Wants env={env} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <Running env={env} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <SyncLabel live={env.live} />
              </TableCell>
              <TableCell>
                <Health env={env} shared={props.shared} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <RelativeTime iso={env.live.syncedAt} />
              </TableCell>
              <TableCell>
                <Links env={env} />
              </TableCell>
              {props.actions && <TableCell>{props.actions(env)}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </WholeWords>
  );
};

/** On a phone: one card per environment, its name as the heading, what it runs, its links and its buttons. */
const Cards = (props: Props & { shared?: string }) => {
  const classes = useStyles();
  return (
    <ul className={classes.cards} aria-label="Environments">
      {props.environments.map(env => {
        const heading = `environment-${env.name}-title`;
        return (
          <li key={env.name} data-testid={`environment-${env.name}`}>
            <Paper
              variant="outlined"
              component="section"
              aria-labelledby={heading}
              className={classes.card}
            >
              <Typography variant="h6" component="h3" id={heading}>
                <Title env={env} />
              </Typography>
              <Where env={env} />
              <dl className={classes.facts}>
                <dt>Manifest wants</dt>
                <dd>
                  <Wants env={env} />
                </dd>
                <dt>Running</dt>
                <dd>
                  <Running env={env} />
                </dd>
                <dt>Health</dt>
                <dd>
                  <Health env={env} shared={props.shared} />
                </dd>
                {env.live.state === 'known' && (
                  <>
                    <dt>Sync</dt>
                    <dd>
                      <SyncLabel live={env.live} />
                      {env.live.syncedAt && (
                        <>
                          {', '}
                          <RelativeTime iso={env.live.syncedAt} />
                        </>
                      )}
                    </dd>
                  </>
                )}
                <dt>Links</dt>
                <dd>
                  <Links env={env} />
                </dd>
              </dl>
              {props.actions && (
                <div className={classes.cardActions}>{props.actions(env)}</div>
              )}
            </Paper>
          </li>
        );
      })}
    </ul>
  );
};

/**
 * The environments of an application: what the manifest wants, what runs, Argo CD's sync and health, when it last
 * synced, and the links that open the right logs, dashboard and Argo CD application. `actions` adds each
 * environment's buttons. A table on a wide screen; on a narrow one (a phone) one card per environment, so that
 * nothing scrolls sideways and each environment's buttons sit under its name.
 */
export const EnvironmentsTable = (props: Props) => {
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
  const shared = sharedUnknownReason(props.environments);
  return (
    <>
      {shared && notConnected(props.environments) && (
        <Alert severity="info">
          Argo CD is not connected to this portal, so each environment shows the
          version its manifest wants, not what is running.
          <Typography variant="caption" display="block">
            For platform engineers: set slipway.environments[].argocd (see
            Slipway&apos;s docs/environments.md).
          </Typography>
        </Alert>
      )}
      {shared && !notConnected(props.environments) && (
        <Alert severity="info">
          Live state unknown in every environment: {shared}.
        </Alert>
      )}
      {narrow ? (
        <Cards {...props} shared={shared} />
      ) : (
        <Rows {...props} shared={shared} />
      )}
    </>
  );
};
