import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';
import useAsyncFn from 'react-use/esm/useAsyncFn';

const useStyles = makeStyles(theme => ({
  diff: {
    fontFamily: 'monospace',
    fontSize: 12,
    whiteSpace: 'pre',
    overflow: 'auto',
    padding: theme.spacing(1),
    background: theme.palette.background.default,
  },
  added: { color: theme.palette.success.main },
  removed: { color: theme.palette.error.main },
}));

/**
 * Shows what a run would change (for a GitOps action, the manifest's diff), without making a run or writing anything.
 * Offered where the action's executor can preview (`ActionAvailability.previewable`).
 */
export const ActionPreview = (props: {
  action: string;
  application: { entityRef: string };
  environment: string;
  parameters: Record<string, unknown>;
}) => {
  const classes = useStyles();
  const api = useApi(slipwayApiRef);

  const lineClass = (line: string) => {
    if (line.startsWith('+')) return classes.added;
    if (line.startsWith('-')) return classes.removed;
    return undefined;
  };

  // A read: the backend works out the diff and makes no run, so nothing is recorded, notified or waited for.
  const [{ value: answer, error: failure, loading }, preview] =
    useAsyncFn(async () => {
      const previewed = await api.previewRun({
        action: props.action,
        entityRef: props.application.entityRef,
        environment: props.environment,
        parameters: props.parameters,
      });
      const diff = (previewed.output as { diff?: string } | undefined)?.diff;
      return { summary: previewed.summary, diff: diff || undefined };
    }, [
      api,
      props.action,
      props.application.entityRef,
      props.environment,
      props.parameters,
    ]);
  const error = failure && messageOf(failure);

  return (
    <Box my={1}>
      <Button
        size="small"
        variant="outlined"
        onClick={preview}
        disabled={loading}
      >
        {loading ? 'Preparing the preview…' : 'Preview the change'}
      </Button>
      {error && <Alert severity="error">{error}</Alert>}
      {answer && <Typography variant="body2">{answer.summary}</Typography>}
      {answer?.diff && (
        <div className={classes.diff} aria-label="Manifest diff">
          {answer.diff.split('\n').map((line, i) => (
            <div key={i} className={lineClass(line)}>
              {line || ' '}
            </div>
          ))}
        </div>
      )}
    </Box>
  );
};
