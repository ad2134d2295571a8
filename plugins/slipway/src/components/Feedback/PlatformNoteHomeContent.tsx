import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';

/** The longest note the backend keeps. */
const MAX_NOTE_LENGTH = 2000;

/**
 * The home page's "Tell the platform team": a note anyone can send. What was typed stays until the portal has kept
 * it; "sent" only once it has.
 */
export const PlatformNoteHomeContent = () => {
  const api = useApi(slipwayApiRef);
  const [text, setText] = useState('');
  const [state, send] = useAsyncFn(async () => {
    const note = await api.sendPlatformNote(text);
    setText('');
    return note;
  }, [api, text]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  return (
    <Box component="form" onSubmit={submit} aria-label="Tell the platform team">
      <TextField
        id="platform-note"
        label="What should the platform team know?"
        helperText="An idea, something that got in your way, a thank-you. The platform team reads it with your name."
        value={text}
        onChange={e => setText(e.target.value)}
        inputProps={{ maxLength: MAX_NOTE_LENGTH }}
        multiline
        minRows={2}
        fullWidth
        margin="dense"
      />
      <Button
        type="submit"
        variant="outlined"
        size="small"
        disabled={state.loading || !text.trim()}
      >
        Send to the platform team
      </Button>
      {state.error && (
        <Box mt={1}>
          <Alert severity="error">Not sent: {messageOf(state.error)}</Alert>
        </Box>
      )}
      {state.value && !state.loading && (
        <Box mt={1}>
          <Alert severity="success">
            Sent. The platform team reads it on Platform → Feedback.
          </Alert>
        </Box>
      )}
    </Box>
  );
};
