import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';
import { runLink } from '../Runs/RunDialog';

/**
 * When an environment is busy, the run in the way: a link to follow it, and Cancel (the backend says whether this
 * person may; a refusal shows its reason).
 */
export const RunInTheWay = (props: {
  entityRef: string;
  environment: string;
  /** Called when the person follows the link, so the dialog that was refused gets out of the way. */
  onOpen: () => void;
}) => {
  const api = useApi(slipwayApiRef);
  const [search] = useSearchParams();
  const blocking = useAsync(async () => {
    const { items } = await api.listRuns({
      entityRef: props.entityRef,
      status: ['pending', 'running', 'awaiting-approval'],
      limit: 25,
    });
    return items.find(run => run.environment === props.environment);
  }, [api, props.entityRef, props.environment]);
  const [cancellation, cancel] = useAsyncFn(
    async () => api.cancelRun(blocking.value!.id),
    [api, blocking.value],
  );
  const run = blocking.value;
  if (!run) return null;
  return (
    <Box mt={1} display="flex" alignItems="center" style={{ gap: 8 }}>
      <Link to={runLink(search, run.id)} onClick={props.onOpen}>
        Open the {run.action} in the way
      </Link>
      {!cancellation.value && (
        <Button size="small" onClick={cancel} disabled={cancellation.loading}>
          Cancel it
        </Button>
      )}
      {cancellation.value && (
        <Alert severity="info">
          Cancel requested: try again once it has stopped.
        </Alert>
      )}
      {cancellation.error && (
        <Alert severity="error">{messageOf(cancellation.error)}</Alert>
      )}
    </Box>
  );
};
