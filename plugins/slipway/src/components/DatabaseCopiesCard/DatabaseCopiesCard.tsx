import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DatabaseCopy, databaseCopyApiRef } from '../../api/DatabaseCopyClient';
import type { EntityName } from '../../api/SlipwayApi';
import { messageOf } from '../../errors';
import { RelativeTime } from '../EnvironmentsTable';
import { ConnectionDialog, ExtendDialog } from './CopyDialogs';

const STATUS: Record<DatabaseCopy['status'], string> = {
  creating: 'Being made',
  ready: 'Ready',
  dropping: 'Being dropped',
  dropped: 'Dropped',
  failed: 'Failed',
};

/**
 * The application's database copies with their expiry. The requester's own ready copy offers its connection details;
 * Extend and Destroy are offered to those the backend says may (`canManage`). `refreshKey` reloads the list (e.g.
 * after a db-copy run finished).
 */
export const DatabaseCopiesCard = (props: {
  application: EntityName;
  refreshKey?: number;
}) => {
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
        No database copies. Use “Copy production database” in a non-production
        environment to make one.
      </Typography>
    );
  else
    content = (
      <Table size="small" aria-label="Database copies">
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell>Database</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Dropped</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {copies.value.map(copy => (
            <TableRow key={copy.id}>
              <TableCell>{copy.environment}</TableCell>
              <TableCell>
                <code>{copy.database}</code>
                <Typography variant="caption" display="block">
                  {copy.component} from {copy.sourceEnvironment}
                  {copy.masked ? ', masked' : ', not masked'}
                </Typography>
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={copy.requester} defaultKind="user" />
              </TableCell>
              <TableCell>{STATUS[copy.status]}</TableCell>
              <TableCell>
                {copy.status === 'ready' ? (
                  <RelativeTime iso={copy.expiresAt} />
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell align="right">
                {copy.mine && copy.status === 'ready' && (
                  <Button size="small" onClick={() => setConnecting(copy)}>
                    Connection details
                  </Button>
                )}
                {copy.canManage && copy.status === 'ready' && (
                  <>
                    <Button size="small" onClick={() => setExtending(copy)}>
                      Extend
                    </Button>
                    <Button
                      size="small"
                      color="secondary"
                      onClick={() => destroy(copy)}
                    >
                      Destroy
                    </Button>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
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
