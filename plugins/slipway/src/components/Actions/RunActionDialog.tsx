import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ActionAvailability,
  EnvironmentStatus,
} from '@slipway/backstage-plugin-slipway-common';
import { useState } from 'react';
import { slipwayApiRef } from '../../api';
import { isConflict, messageOf } from '../../errors';
import { RunProgress } from '../Runs/RunProgress';
import { initialParameters, ParameterFields } from './ParameterFields';
import { ActionPreview } from './ActionPreview';
import { RunInTheWay } from './RunInTheWay';
import useAsyncFn from 'react-use/esm/useAsyncFn';

function newKey() {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Runs one action on one application in one environment: its parameters, the name typed to confirm in production,
 * a preview of the change where the action can show one, then the run's live progress. One idempotency key per dialog, so a double click
 * or a retry after a network error is still one run.
 */
export const RunActionDialog = (props: {
  action: ActionAvailability;
  application: { entityRef: string; name: string };
  environment: EnvironmentStatus;
  /** For promote: the environment its version comes from. */
  source?: EnvironmentStatus;
  onClose: () => void;
  onFinished?: () => void;
}) => {
  const api = useApi(slipwayApiRef);
  const { action, application, environment, source } = props;
  const [idempotencyKey] = useState(newKey);
  const [parameters, setParameters] = useState(() =>
    initialParameters(action.parameters),
  );
  const [confirmation, setConfirmation] = useState('');
  const [runId, setRunId] = useState<string>();
  const confirmed = !action.confirm || confirmation === application.name;

  const [submission, submit] = useAsyncFn(async () => {
    const run = await api.createRun({
      action: action.action,
      entityRef: application.entityRef,
      environment: environment.name,
      parameters,
      idempotencyKey,
    });
    setRunId(run.id);
  }, [
    api,
    action.action,
    application.entityRef,
    environment.name,
    parameters,
    idempotencyKey,
  ]);
  const submitting = submission.loading;
  const error = submission.error && messageOf(submission.error);

  // The history behind shows a run that now waits (for approval, say); one that ended was shown already (onFinal).
  const close = () => {
    if (runId) props.onFinished?.();
    props.onClose();
  };

  return (
    <Dialog
      open
      onClose={close}
      maxWidth="md"
      fullWidth
      aria-labelledby="run-action-title"
    >
      <DialogTitle id="run-action-title">
        {action.title} {application.name} in {environment.title}
      </DialogTitle>
      <DialogContent>
        <Typography paragraph>{action.description}</Typography>
        {action.action === 'promote' && source && (
          <Typography paragraph>
            {environment.title}:{' '}
            <strong>{environment.desired?.version ?? 'not deployed'}</strong> →{' '}
            <strong>{source.desired?.version}</strong> (the version of{' '}
            {source.title})
          </Typography>
        )}
        {!runId && (
          <>
            <ParameterFields
              schema={action.parameters}
              value={parameters}
              onChange={setParameters}
            />
            {action.previewable && (
              <ActionPreview
                action={action.action}
                application={application}
                environment={environment.name}
                parameters={parameters}
              />
            )}
            {action.confirm && (
              <TextField
                label={`${environment.title} is a production environment: type ${application.name} to confirm`}
                fullWidth
                margin="dense"
                variant="outlined"
                value={confirmation}
                onChange={e => setConfirmation(e.target.value)}
                inputProps={{ 'aria-label': 'Confirm the application name' }}
              />
            )}
            {error && <Alert severity="error">{error}</Alert>}
            {submission.error && isConflict(submission.error) && (
              <RunInTheWay
                entityRef={application.entityRef}
                environment={environment.name}
                onOpen={props.onClose}
              />
            )}
          </>
        )}
        {runId && <RunProgress runId={runId} onFinal={props.onFinished} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{runId ? 'Close' : 'Cancel'}</Button>
        {!runId && (
          <Button
            color="primary"
            variant="contained"
            disabled={!confirmed || submitting}
            onClick={submit}
          >
            {action.title}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
