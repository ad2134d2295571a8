import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { RunQuery, slipwayApiRef } from '../../api';
import { RelativeTime } from '../EnvironmentsTable';
import { useSearchParams } from 'react-router-dom';
import { RunDialog, runLink } from './RunDialog';
import { Requester } from './Requester';
import { RunStatusChip } from './RunStatusChip';
import { WholeWords } from '../Words';
import { useRunWords } from './useRunWords';
import { RunList } from './RunList';

const PAGE = 10;

/**
 * A page of runs, newest first, with older pages on request; each run has a link of its own (`?run=<id>`), which
 * opens its log. `showApplication` adds a
 * column for "My runs", where runs of many applications mix.
 */
export const RunsTable = (props: {
  query: RunQuery;
  showApplication?: boolean;
  refreshKey?: number;
}) => {
  const api = useApi(slipwayApiRef);
  const words = useRunWords();
  // On a phone the seven columns do not fit: each run becomes a list item that reads as a sentence.
  const narrow = useMediaQuery(useTheme().breakpoints.down('xs'), {
    noSsr: true,
  });
  const [cursors, setCursors] = useState<string[]>([]);
  const [search] = useSearchParams();
  const cursor = cursors[cursors.length - 1];
  const page = useAsyncRetry(
    () => api.listRuns({ ...props.query, limit: PAGE, cursor }),
    [api, JSON.stringify(props.query), cursor, props.refreshKey],
  );

  if (page.error) return <ResponseErrorPanel error={page.error} />;
  if (!page.value) return <Progress />;
  if (page.value.items.length === 0 && !cursor) {
    return (
      <>
        <Typography color="textSecondary">No runs yet.</Typography>
        <RunDialog />
      </>
    );
  }
  const runs = narrow ? (
    <RunList
      runs={page.value.items}
      label="Runs"
      linkOf={run => runLink(search, run.id)}
      aside={run => (
        <>
          <RunStatusChip status={run.status} />{' '}
          {run.result?.summary ?? run.error ?? ''} · by{' '}
          <Requester entityRef={run.requester} />
        </>
      )}
    />
  ) : (
    <WholeWords>
      <Table size="small" aria-label="Runs">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            {props.showApplication && <TableCell>Application</TableCell>}
            <TableCell>Action</TableCell>
            <TableCell>Environment</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Outcome</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {page.value.items.map(run => (
            <TableRow key={run.id} hover>
              <TableCell>
                <Link to={runLink(search, run.id)}>
                  <RelativeTime iso={run.createdAt} />
                </Link>
              </TableCell>
              {props.showApplication && (
                <TableCell>
                  <EntityRefLink entityRef={run.entityRef} />
                </TableCell>
              )}
              <TableCell>
                {words.action(run.action)}
                {run.parameters.dryRun ? ' (preview)' : ''}
              </TableCell>
              <TableCell>{words.environment(run.environment)}</TableCell>
              <TableCell>
                <Requester entityRef={run.requester} />
              </TableCell>
              <TableCell>
                <RunStatusChip status={run.status} />
              </TableCell>
              <TableCell>{run.result?.summary ?? run.error ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </WholeWords>
  );
  return (
    <>
      {runs}
      {(cursor || page.value.nextCursor) && (
        <Typography align="right">
          <Button
            size="small"
            disabled={!cursor}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Newer
          </Button>
          <Button
            size="small"
            disabled={!page.value.nextCursor}
            onClick={() => setCursors([...cursors, page.value!.nextCursor!])}
          >
            Older
          </Button>
        </Typography>
      )}
      <RunDialog />
    </>
  );
};
