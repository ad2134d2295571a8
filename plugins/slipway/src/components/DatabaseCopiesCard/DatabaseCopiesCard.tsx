import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DatabaseCopy, databaseCopyApiRef } from '../../api/DatabaseCopyClient';
import type { EntityName } from '../../api/SlipwayApi';
import { messageOf } from '../../errors';
import { RelativeTime } from '../EnvironmentsTable';
import { runLink } from '../Runs/RunDialog';
import { Token } from '../Words';
import { ConnectionDialog, ExtendDialog } from './CopyDialogs';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  copy: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1, 2),
    padding: theme.spacing(1.5, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  what: { flex: '1 1 16rem', minWidth: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
}));

/** Where the copy is in its life, with when in words: "Expires in 3 hours", "Dropped 2 days ago". */
const Lifetime = ({ copy }: { copy: DatabaseCopy }) => {
  switch (copy.status) {
    case 'creating':
      return (
        <>
          Being made, requested <RelativeTime iso={copy.createdAt} />
        </>
      );
    case 'ready':
      return (
        <>
          Ready, expires <RelativeTime iso={copy.expiresAt} />
        </>
      );
    case 'dropping':
      return <>Being dropped</>;
    case 'dropped':
      return (
        <>
          Dropped <RelativeTime iso={copy.droppedAt ?? copy.expiresAt} />
        </>
      );
    default:
      return (
        <>
          Failed, requested <RelativeTime iso={copy.createdAt} />
        </>
      );
  }
};

/**
 * The application's database copies: which database, from where into which environment, who asked, the run that made
 * it, and when it expires or was dropped. The requester's own ready copy offers its connection details; Extend and
 * Destroy are offered to those the backend says may (`canManage`). `environments` gives environments their titles;
 * `refreshKey` reloads the list (e.g. after a db-copy run finished).
 */
export const DatabaseCopiesCard = (props: {
  application: EntityName;
  environments?: { name: string; title: string }[];
  refreshKey?: number;
  /** The viewer may copy the production database somewhere (an empty card invites only those who can). */
  canCopy?: boolean;
}) => {
  const classes = useStyles();
  const [search] = useSearchParams();
  const titleOf = (name: string) =>
    props.environments?.find(env => env.name === name)?.title ?? name;
  const api = useApi(databaseCopyApiRef);
  const copies = useAsyncRetry(
    () => api.listDatabaseCopies(props.application),
    [
      api,
      props.application.namespace,
      props.application.name,
      props.refreshKey,
    ],
  );
  const [connecting, setConnecting] = useState<DatabaseCopy>();
  const [extending, setExtending] = useState<DatabaseCopy>();
  const [problem, setProblem] = useState<string>();

  const destroy = async (copy: DatabaseCopy) => {
    // eslint-disable-next-line no-alert
    if (!window.confirm(`Drop ${copy.database} now? This cannot be undone.`))
      return;
    setProblem(undefined);
    try {
      await api.destroyDatabaseCopy(copy.id);
    } catch (e) {
      setProblem(messageOf(e));
    }
    copies.retry();
  };

  let content;
  if (copies.error)
    content = <Typography color="error">{messageOf(copies.error)}</Typography>;
  else if (!copies.value) content = <Progress />;
  else if (copies.value.length === 0)
    content = (
      <Typography color="textSecondary">
        {props.canCopy
          ? 'No database copies. Use “Copy production database” in a non-production environment to make one.'
          : 'No database copies.'}
      </Typography>
    );
  else
    content = (
      <ul className={classes.list} aria-label="Database copies">
        {copies.value.map(copy => (
          <li key={copy.id} className={classes.copy}>
            <div className={classes.what}>
              <Typography variant="body2">
                <Token>{copy.database}</Token>
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {copy.component} from {titleOf(copy.sourceEnvironment)} into{' '}
                {titleOf(copy.environment)},{' '}
                {copy.masked ? 'masked' : 'not masked'}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                Requested by{' '}
                <EntityRefLink
                  entityRef={copy.requester}
                  defaultKind="user"
                  hideIcon
                />
                {' · '}
                <Link
                  to={runLink(search, copy.runId)}
                  aria-label={`The run that made ${copy.database}`}
                >
                  See the run
                </Link>
              </Typography>
              <Typography variant="body2">
                <Lifetime copy={copy} />
              </Typography>
            </div>
            {copy.status === 'ready' && (copy.mine || copy.canManage) && (
              <div className={classes.buttons}>
                {copy.mine && (
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={() => setConnecting(copy)}
                  >
                    Connection details
                  </Button>
                )}
                {copy.canManage && (
                  <>
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => setExtending(copy)}
                    >
                      Extend
                    </Button>
                    <Button
                      size="small"
                      variant="outlined"
                      color="secondary"
                      onClick={() => destroy(copy)}
                    >
                      Destroy
                    </Button>
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    );

  return (
    <InfoCard title="Database copies">
      {problem && <Typography color="error">{problem}</Typography>}
      {content}
      {connecting && (
        <ConnectionDialog
          copy={connecting}
          onClose={() => setConnecting(undefined)}
        />
      )}
      {extending && (
        <ExtendDialog
          copy={extending}
          onClose={() => setExtending(undefined)}
          onExtended={() => {
            setExtending(undefined);
            copies.retry();
          }}
        />
      )}
    </InfoCard>
  );
};
