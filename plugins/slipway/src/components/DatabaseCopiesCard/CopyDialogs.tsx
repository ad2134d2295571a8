import { CopyTextButton, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DatabaseCopy, databaseCopyApiRef } from '../../api/DatabaseCopyClient';
import { messageOf } from '../../errors';
import useAsyncFn from 'react-use/esm/useAsyncFn';

/**
 * The connection details of the viewer's own copy, fetched when the dialog opens and forgotten when it closes (they
 * are never kept in the page's state longer than that).
 */
export const ConnectionDialog = (props: {
  copy: DatabaseCopy;
  onClose: () => void;
}) => {
  const api = useApi(databaseCopyApiRef);
  const { value, error, loading } = useAsync(
    () => api.getDatabaseCopyConnection(props.copy.id),
    [api, props.copy.id],
  );
  const rows: Array<[string, string]> = value
    ? [
        ['Host', value.host],
        ['Port', String(value.port)],
        ['Database', value.database],
        ['User', value.user],
        ['Password', value.password],
        ['SSL mode', value.sslmode],
        ['URL', value.url],
      ]
    : [];
  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth>
      <DialogTitle>Connect to {props.copy.database}</DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {error && <Typography color="error">{messageOf(error)}</Typography>}
        {value && (
          <>
            <Typography variant="body2" paragraph>
              Only you can see these. They stop working when the copy is
              dropped, {DateTime.fromISO(value.expiresAt).toRelative()}.
            </Typography>
            <Table size="small" aria-label="Connection details">
              <TableBody>
                {rows.map(([label, text]) => (
                  <TableRow key={label}>
                    <TableCell component="th">{label}</TableCell>
                    <TableCell>
                      <code>{text}</code>
                    </TableCell>
                    <TableCell padding="checkbox">
                      <CopyTextButton text={text} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};

/** Asks for how many more hours to keep a copy, within its maximum; the backend's refusal is shown as it is. */
export const ExtendDialog = (props: {
  copy: DatabaseCopy;
  onClose: () => void;
  onExtended: () => void;
}) => {
  const api = useApi(databaseCopyApiRef);
  const left = Math.max(
    1,
    Math.floor(
      (new Date(props.copy.maxExpiresAt).getTime() - Date.now()) / 3600_000,
    ),
  );
  const [hours, setHours] = useState(String(Math.min(8, left)));
  const { onExtended } = props;
  const [{ loading: busy, error: failure }, submit] = useAsyncFn(async () => {
    await api.extendDatabaseCopy(props.copy.id, Number(hours));
    onExtended();
  }, [api, props.copy.id, hours, onExtended]);
  const error = failure && messageOf(failure);
  return (
    <Dialog open onClose={props.onClose}>
      <DialogTitle>Keep {props.copy.database} longer</DialogTitle>
      <DialogContent>
        <TextField
          id="slipway-database-copy-extend-hours"
          label="Hours from now"
          type="number"
          value={hours}
          onChange={e => setHours(e.target.value)}
          inputProps={{ min: 1, max: left, step: 1 }}
          helperText={`At most until ${DateTime.fromISO(
            props.copy.maxExpiresAt,
          ).toLocaleString(DateTime.DATETIME_MED)}`}
        />
        {error && <Typography color="error">{error}</Typography>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button color="primary" onClick={submit} disabled={busy}>
          Extend
        </Button>
      </DialogActions>
    </Dialog>
  );
};
