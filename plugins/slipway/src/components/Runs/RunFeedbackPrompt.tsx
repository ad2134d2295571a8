import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';

/**
 * After a run ends, its requester says whether it helped (and, optionally, what could be better): the platform team
 * reads it on Platform → Feedback. Shown only to the requester; "thank you" only once the portal has kept the rating.
 */
export const RunFeedbackPrompt = ({ run }: { run: Run }) => {
  const api = useApi(slipwayApiRef);
  const identity = useApi(identityApiRef);
  const me = useAsync(
    async () => (await identity.getBackstageIdentity()).userEntityRef,
    [identity],
  );
  const [comment, setComment] = useState('');
  const [editing, setEditing] = useState(false);
  const [saved, save] = useAsyncFn(
    async (helpful: boolean) => {
      const rated = await api.rateRun(run.id, {
        helpful,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setEditing(false);
      return rated;
    },
    [api, run.id, comment],
  );
  if (me.value !== run.requester) return null;
  const feedback = saved.value?.feedback ?? run.feedback;

  if (feedback && !editing)
    return (
      <Box mt={2} display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="body2" role="status">
          You rated this run {feedback.helpful ? 'helpful' : 'not helpful'}
          {feedback.comment ? `: “${feedback.comment}”` : ''}. The platform team
          sees it.
        </Typography>
        <Button size="small" onClick={() => setEditing(true)}>
          Change
        </Button>
      </Box>
    );
  return (
    <Box mt={2} component="section" aria-labelledby={`run-feedback-${run.id}`}>
      <Typography variant="subtitle2" id={`run-feedback-${run.id}`}>
        Was this run helpful?
      </Typography>
      <TextField
        id={`run-feedback-comment-${run.id}`}
        label="What could be better? (optional)"
        value={comment}
        onChange={e => setComment(e.target.value)}
        inputProps={{ maxLength: 1000 }}
        fullWidth
        margin="dense"
        size="small"
      />
      <Box display="flex" style={{ gap: 8 }}>
        <Button
          variant="outlined"
          size="small"
          disabled={saved.loading}
          onClick={() => save(true)}
        >
          Yes, it helped
        </Button>
        <Button
          variant="outlined"
          size="small"
          disabled={saved.loading}
          onClick={() => save(false)}
        >
          No
        </Button>
      </Box>
      {saved.error && <Alert severity="error">{messageOf(saved.error)}</Alert>}
    </Box>
  );
};
