import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { FINAL_RUN_STATUSES } from '@slipway/backstage-plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';
import { RunFeedbackPrompt } from './RunFeedbackPrompt';
import { RunStatusChip } from './RunStatusChip';
import { useRunLog } from './useRunLog';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useEffect, useRef } from 'react';

const useStyles = makeStyles(theme => ({
  log: {
    fontFamily: 'monospace',
    fontSize: 12,
    whiteSpace: 'pre-wrap',
    background: theme.palette.background.default,
    padding: theme.spacing(1.5),
    maxHeight: 320,
    overflow: 'auto',
    borderRadius: 4,
  },
  warn: { color: theme.palette.warning.main },
  error: { color: theme.palette.error.main },
}));

/**
 * A run as it happens: status, log lines, then its result (summary, links) or its error; Cancel while it runs.
 * `onFinal` is called once the run has ended, so the page behind can show what it changed at once.
 */
export const RunProgress = ({
  runId,
  onFinal,
}: {
  runId: string;
  onFinal?: () => void;
}) => {
  const classes = useStyles();
  const api = useApi(slipwayApiRef);
  const { run, lines, error } = useRunLog(runId);
  const [cancellation, cancel] = useAsyncFn(
    () => api.cancelRun(runId),
    [api, runId],
  );
  const active = run && !FINAL_RUN_STATUSES.includes(run.status);
  const ended = Boolean(run && !active);
  // Once per run: a new callback identity on the page's re-render is not a new ending.
  const onFinalRef = useRef(onFinal);
  onFinalRef.current = onFinal;
  useEffect(() => {
    if (ended) onFinalRef.current?.();
  }, [ended, runId]);

  return (
    <Box data-testid="run-progress">
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        mb={1}
      >
        <Typography variant="body2">
          Run <code>{runId.slice(0, 8)}</code>:{' '}
          {run ? <RunStatusChip status={run.status} /> : 'loading…'}
        </Typography>
        {active && (
          <Button size="small" onClick={cancel} disabled={cancellation.loading}>
            Cancel run
          </Button>
        )}
      </Box>
      {error && (
        <Alert severity="warning">Could not follow the run: {error}</Alert>
      )}
      {cancellation.error && (
        <Alert severity="error">{messageOf(cancellation.error)}</Alert>
      )}
      <div className={classes.log} role="log" aria-label="Run log">
        {lines.length === 0 && <span>Waiting for the first line…</span>}
        {lines.map(line => (
          <div
            key={line.id}
            className={line.level === 'info' ? undefined : classes[line.level]}
          >
            {new Date(line.at).toLocaleTimeString()} {line.message}
          </div>
        ))}
      </div>
      {run?.result && (
        <Alert severity="success">
          {run.result.summary}
          {run.result.links?.map(link => (
            <span key={link.url}>
              {' · '}
              <Link to={link.url}>{link.title}</Link>
            </span>
          ))}
        </Alert>
      )}
      {run?.error && (
        <Alert severity={run.status === 'cancelled' ? 'info' : 'error'}>
          {run.error}
        </Alert>
      )}
      {run && ended && <RunFeedbackPrompt run={run} />}
    </Box>
  );
};
