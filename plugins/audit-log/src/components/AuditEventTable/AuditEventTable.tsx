import { Fragment } from 'react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { AuditEvent } from '@slipway/backstage-plugin-audit-log-common';
import { ActorName } from '../ActorName';
import { AuditEventStatusLabel } from '../AuditEventStatusLabel';
import { SEVERITY_LABELS } from '../format';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  row: { cursor: 'pointer' },
  // Short values read badly when wrapped mid-word; the entity column takes the remaining width.
  nowrap: { whiteSpace: 'nowrap' },
  secondary: { color: theme.palette.text.secondary },
  // Wider than a phone: the table scrolls sideways within its card, not the whole page.
  scroll: { overflowX: 'auto' },
}));

const SHOWN_ENTITIES = 3;

/**
 * The first entities of an event, then how many more. Each link keeps its comma: a link is laid out as one box, and
 * a line may break before the text that follows it, which would start the next line with ", ".
 */
const EntityList = ({ entityRefs }: { entityRefs: string[] }) => {
  const classes = useStyles();
  const shown = entityRefs.slice(0, SHOWN_ENTITIES);
  const more = entityRefs.length - shown.length;
  return (
    <>
      {shown.map((ref, i) => (
        <Fragment key={ref}>
          {i > 0 && ' '}
          <span className={classes.nowrap}>
            <EntityRefLink entityRef={ref} />
            {i < shown.length - 1 && ','}
          </span>
        </Fragment>
      ))}
      {more > 0 && ` and ${more} more`}
    </>
  );
};

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
    <div className={classes.scroll}>
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
                <RelativeTime iso={event.occurredAt} />
              </TableCell>
              <TableCell
                className={classes.nowrap}
                onClick={e => e.stopPropagation()}
              >
                <ActorName actor={event.actor} />
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
                  <EntityList entityRefs={event.entityRefs} />
                </TableCell>
              )}
              <TableCell>{event.environment ?? ''}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  color="primary"
                  // The visible word starts the accessible name, so speech control ("click Open") finds it too.
                  aria-label={`Open event ${event.seq}`}
                  onClick={e => {
                    e.stopPropagation();
                    onOpen(event.seq);
                  }}
                >
                  Open
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
