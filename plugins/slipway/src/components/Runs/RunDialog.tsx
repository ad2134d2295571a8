import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { RunProgress } from './RunProgress';
import { RunHeadline } from './RunHeadline';

/** The query parameter that names the run to show: `…/platform?run=<id>` is a link to that run. */
export const RUN_PARAM = 'run';

/** A link to a run on the page it is shown on (the address keeps the rest of the page's query). */
export function runLink(search: URLSearchParams, runId: string): string {
  const next = new URLSearchParams(search);
  next.set(RUN_PARAM, runId);
  return `?${next}`;
}

/**
 * The run named by the page's `?run=` parameter, in a dialog: so a run has an address that can be shared, opened from
 * a notification or a bookmark, and closing it takes the parameter away again.
 */
export const RunDialog = () => {
  const api = useApi(slipwayApiRef);
  const [search, setSearch] = useSearchParams();
  const runId = search.get(RUN_PARAM);
  const run = useAsync(
    async () => (runId ? api.getRun(runId) : undefined),
    [api, runId],
  );
  if (!runId) return null;
  const close = () => {
    const next = new URLSearchParams(search);
    next.delete(RUN_PARAM);
    setSearch(next, { replace: true });
  };
  return (
    <Dialog
      open
      onClose={close}
      maxWidth="md"
      fullWidth
      aria-labelledby="run-dialog-title"
    >
      <DialogTitle id="run-dialog-title">
        {run.value ? <RunHeadline run={run.value} /> : 'Run'}
      </DialogTitle>
      <DialogContent>
        <RunProgress runId={runId} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
