import { ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { AuditEvent } from '@slipway/backstage-plugin-audit-log-common';
import { auditLogApiRef } from '../../api';
import { ActorName } from '../ActorName';
import { AuditEventStatusLabel } from '../AuditEventStatusLabel';
import { formatTime, SEVERITY_LABELS } from '../format';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  label: { width: '10rem', verticalAlign: 'top', fontWeight: 'bold' },
  hash: { fontFamily: 'monospace', wordBreak: 'break-all' },
  details: {
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: '20rem',
    overflow: 'auto',
    backgroundColor: theme.palette.background.default,
    fontSize: theme.typography.body2.fontSize,
  },
  secondary: { color: theme.palette.text.secondary },
}));

const Field = ({ label, children }: { label: string; children: ReactNode }) => {
  const classes = useStyles();
  return (
    <TableRow>
      <TableCell component="th" scope="row" className={classes.label}>
        {label}
      </TableCell>
      <TableCell>{children}</TableCell>
    </TableRow>
  );
};

const EventFields = ({
  event,
  onShowOperation,
}: {
  event: AuditEvent;
  onShowOperation: (operationId: string) => void;
}) => {
  const classes = useStyles();
  const { actor } = event;
  return (
    <Table size="small" aria-label="Event details">
      <TableBody>
        <Field label="Time">
          <RelativeTime iso={event.occurredAt} />{' '}
          <span className={classes.secondary}>
            ({formatTime(event.occurredAt)})
          </span>
        </Field>
        <Field label="Event">
          {event.plugin} · {event.eventId}
        </Field>
        <Field label="Status">
          <AuditEventStatusLabel status={event.status} />
        </Field>
        <Field label="Severity">{SEVERITY_LABELS[event.severity]}</Field>
        <Field label="Actor">
          <ActorName actor={actor} />
          {actor.type === 'user' && actor.id && (
            <Typography variant="body2" className={classes.secondary}>
              {actor.id}
            </Typography>
          )}
          {actor.type === 'service' && (
            <Typography variant="body2" className={classes.secondary}>
              a service (another backend or plugin)
            </Typography>
          )}
          {actor.ip && <Typography variant="body2">IP {actor.ip}</Typography>}
          {actor.userAgent && (
            <Typography variant="body2" className={classes.secondary}>
              {actor.userAgent}
            </Typography>
          )}
        </Field>
        {event.request && (
          <Field label="Request">
            <code>
              {event.request.method} {event.request.url}
            </code>
          </Field>
        )}
        <Field label="Entities">
          {event.entityRefs.length ? (
            <EntityRefLinks entityRefs={event.entityRefs} />
          ) : (
            'none'
          )}
        </Field>
        {event.environment && (
          <Field label="Environment">{event.environment}</Field>
        )}
        {event.error && (
          <Field label="Error">
            {event.error.name}: {event.error.message}
          </Field>
        )}
        <Field label="Operation">
          <Button
            size="small"
            color="primary"
            onClick={() => onShowOperation(event.operationId)}
          >
            Show every record of this operation
          </Button>
        </Field>
        <Field label="Details">
          {event.meta ? (
            <pre className={classes.details}>
              {JSON.stringify(event.meta, null, 2)}
            </pre>
          ) : (
            'none'
          )}
        </Field>
        <Field label="Hash">
          <span className={classes.hash}>{event.hash}</span>
        </Field>
        <Field label="Previous hash">
          <span className={classes.hash}>{event.prevHash}</span>
        </Field>
      </TableBody>
    </Table>
  );
};

/** One event with everything that was recorded about it. */
export const AuditEventDetailsDialog = ({
  seq,
  onClose,
  onShowOperation,
}: {
  seq: number;
  onClose: () => void;
  onShowOperation: (operationId: string) => void;
}) => {
  const api = useApi(auditLogApiRef);
  const {
    value: event,
    loading,
    error,
  } = useAsync(() => api.getEvent(seq), [api, seq]);
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>Audit event {seq}</DialogTitle>
      <DialogContent dividers>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {event && (
          <EventFields event={event} onShowOperation={onShowOperation} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} color="primary">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
};
