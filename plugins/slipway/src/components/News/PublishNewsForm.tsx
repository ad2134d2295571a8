import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { PublishedNews } from '@slipway/backstage-plugin-slipway-common';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/core-plugin-api';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';

/**
 * Writing a news item, for those the policy lets publish. What was typed stays in the form until the portal has
 * kept it; the confirmation says whether everyone was notified, as it happened.
 */
export const PublishNewsForm = (props: {
  onPublished: (published: PublishedNews) => void;
}) => {
  const api = useApi(slipwayApiRef);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [link, setLink] = useState('');
  const [state, publish] = useAsyncFn(async () => {
    const published = await api.publishNews({
      title,
      body,
      ...(link.trim() ? { link: link.trim() } : {}),
    });
    setTitle('');
    setBody('');
    setLink('');
    props.onPublished(published);
    return published;
  }, [api, title, body, link, props.onPublished]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish();
  };
  return (
    <Box component="form" onSubmit={submit} aria-label="Publish news">
      <TextField
        id="news-title"
        label="Title"
        value={title}
        onChange={e => setTitle(e.target.value)}
        inputProps={{ maxLength: 150 }}
        required
        fullWidth
        margin="dense"
      />
      <TextField
        id="news-body"
        label="Text (Markdown)"
        value={body}
        onChange={e => setBody(e.target.value)}
        inputProps={{ maxLength: 10000 }}
        required
        multiline
        minRows={4}
        fullWidth
        margin="dense"
      />
      <TextField
        id="news-link"
        label="Link (optional): https://… or a path in the portal"
        value={link}
        onChange={e => setLink(e.target.value)}
        inputProps={{ maxLength: 2000 }}
        fullWidth
        margin="dense"
      />
      <Box mt={1} display="flex" alignItems="center" style={{ gap: 16 }}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={state.loading || !title.trim() || !body.trim()}
        >
          Publish and notify everyone
        </Button>
        <Typography variant="body2" color="textSecondary">
          Everyone signed in sees it on the home page and gets a notification.
        </Typography>
      </Box>
      {state.error && (
        <Box mt={2}>
          <Alert severity="error">
            Not published: {messageOf(state.error)}
          </Alert>
        </Box>
      )}
      {state.value && (
        <Box mt={2}>
          <Alert severity={state.value.notified ? 'success' : 'warning'}>
            {state.value.notified
              ? `Published “${state.value.item.title}”; everyone was notified.`
              : `Published “${state.value.item.title}”, but the portal could not send the notification: people see it here and on the home page.`}
          </Alert>
        </Box>
      )}
    </Box>
  );
};
