import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  FINAL_RUN_STATUSES,
  Run,
} from '@slipway/backstage-plugin-slipway-common';
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

/** Shows what a promote would change in the manifest: a dry run, which writes nothing. */
export const PromotePreview = (props: {
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

  const [{ value: diff, error: failure, loading }, preview] =
    useAsyncFn(async () => {
      let run: Run = await api.createRun({
        action: 'promote',
        entityRef: props.application.entityRef,
        environment: props.environment,
        parameters: { ...props.parameters, dryRun: true },
        idempotencyKey: `preview-${Date.now()}-${Math.random()
          .toString(36)
          .slice(2)}`,
      });
      while (!FINAL_RUN_STATUSES.includes(run.status)) {
        await new Promise(r => setTimeout(r, 500));
        run = await api.getRun(run.id);
      }
      if (run.status !== 'succeeded')
        throw new Error(run.error ?? `The preview ${run.status}`);
      return String(
        (run.result?.output as { diff?: string } | undefined)?.diff ?? '',
      );
    }, [api, props.application.entityRef, props.environment, props.parameters]);
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
      {diff !== undefined && (
        <div className={classes.diff} aria-label="Manifest diff">
          {diff.split('\n').map((line, i) => (
            <div key={i} className={lineClass(line)}>
              {line || ' '}
            </div>
          ))}
        </div>
      )}
    </Box>
  );
};
