import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import { AuditEvent } from '@slipway/backstage-plugin-audit-log-common';
import { AuditEventStatusLabel } from '../AuditEventStatusLabel';
import { formatRelative, formatTime, SEVERITY_LABELS } from '../format';

const useStyles = makeStyles(theme => ({
  row: { cursor: 'pointer' },
  // Short values read badly when wrapped mid-word; the entity column takes the remaining width.
  nowrap: { whiteSpace: 'nowrap' },
  secondary: { color: theme.palette.text.secondary },
}));

/** A page of audit events; a row opens the event's details. */
export const AuditEventTable = ({
  events,
  onOpen,
  showEntities = true,
}: {
  events: AuditEvent[];
  onOpen: (seq: number) => void;
  showEntities?: boolean;
}) => {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Audit events">
      <TableHead>
        <TableRow className={classes.nowrap}>
          <TableCell>#</TableCell>
          <TableCell>Time</TableCell>
          <TableCell>Actor</TableCell>
          <TableCell>Event</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Severity</TableCell>
          {showEntities && <TableCell>Entities</TableCell>}
          <TableCell>Environment</TableCell>
          <TableCell aria-label="Actions" />
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map(event => (
          <TableRow
            key={event.seq}
            hover
            className={classes.row}
            onClick={() => onOpen(event.seq)}
          >
            <TableCell className={classes.nowrap}>{event.seq}</TableCell>
            <TableCell className={classes.nowrap}>
              <Tooltip title={formatRelative(event.occurredAt)}>
                <span>{formatTime(event.occurredAt)}</span>
              </Tooltip>
            </TableCell>
            <TableCell>
              {event.actor.id ?? (
                <Typography variant="body2" className={classes.secondary}>
                  anonymous
                </Typography>
              )}
            </TableCell>
            <TableCell className={classes.nowrap}>
              <Typography variant="body2">{event.eventId}</Typography>
              <Typography variant="caption" className={classes.secondary}>
                {event.plugin}
              </Typography>
            </TableCell>
            <TableCell className={classes.nowrap}>
              <AuditEventStatusLabel status={event.status} />
            </TableCell>
            <TableCell className={classes.nowrap}>
              {SEVERITY_LABELS[event.severity]}
            </TableCell>
            {showEntities && (
              <TableCell onClick={e => e.stopPropagation()}>
                <EntityRefLinks entityRefs={event.entityRefs.slice(0, 3)} />
                {event.entityRefs.length > 3 &&
                  ` and ${event.entityRefs.length - 3} more`}
              </TableCell>
            )}
            <TableCell>{event.environment ?? ''}</TableCell>
            <TableCell>
              <Button
                size="small"
                color="primary"
                aria-label={`Open event ${event.seq}`}
                onClick={e => {
                  e.stopPropagation();
                  onOpen(event.seq);
                }}
              >
                Details
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
