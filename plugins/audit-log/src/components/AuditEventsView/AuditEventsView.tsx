import { useMemo } from 'react';
import { Box, Button, Paper, makeStyles } from '@material-ui/core';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsync from 'react-use/esm/useAsync';
import { AuditEventFilters } from '@slipway/backstage-plugin-audit-log-common';
import { auditLogApiRef } from '../../api';
import { useAuditLogSearchParams } from '../../hooks/useAuditLogSearchParams';
import { AuditEventDetailsDialog } from '../AuditEventDetails';
import { AuditEventFilterBar } from '../AuditEventFilterBar';
import { AuditEventTable } from '../AuditEventTable';
import { ExportButtons } from '../ExportButtons';

const useStyles = makeStyles(theme => ({
  section: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  toolbar: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    padding: theme.spacing(1, 2),
  },
}));

const PAGE_SIZE = 25;
const NO_FILTERS: AuditEventFilters = {};

function isForbidden(error: Error) {
  return error instanceof ResponseError && error.statusCode === 403;
}

/**
 * The list of audit events with its filters, pager, export and details. `fixedFilters` are always applied and not
 * shown (an entity page's entity); everything else lives in the URL.
 */
export const AuditEventsView = ({
  fixedFilters = NO_FILTERS,
}: {
  fixedFilters?: AuditEventFilters;
}) => {
  const classes = useStyles();
  const api = useApi(auditLogApiRef);
  const { filters, setFilters, cursor, setCursor, openedSeq, openEvent } =
    useAuditLogSearchParams();
  const effectiveFilters = useMemo(
    () => ({ ...filters, ...fixedFilters }),
    [filters, fixedFilters],
  );
  const filtersKey = JSON.stringify(effectiveFilters);
  const {
    value: page,
    loading,
    error,
  } = useAsync(
    () =>
      api.listEvents({ filters: effectiveFilters, cursor, limit: PAGE_SIZE }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filtersKey, cursor],
  );
  const hidden = Object.keys(fixedFilters) as Array<keyof AuditEventFilters>;
  const filtered = Object.keys(filters).some(
    key => !hidden.includes(key as keyof AuditEventFilters),
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error && isForbidden(error)) {
    body = (
      <WarningPanel title="You are not allowed to read these audit events">
        Platform admins read the whole audit log; owners read the events about
        their entities.
      </WarningPanel>
    );
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!page?.items.length) {
    body = (
      <Box p={2}>
        <EmptyState
          missing="data"
          title={
            filtered ? 'No events match these filters' : 'No audit events yet'
          }
          description={
            filtered
              ? 'Change or clear the filters to see more events.'
              : 'Events appear here as soon as someone does something audited.'
          }
          action={
            filtered ? (
              <Button
                variant="contained"
                color="primary"
                onClick={() => setFilters(fixedFilters)}
              >
                Clear filters
              </Button>
            ) : undefined
          }
        />
      </Box>
    );
  } else {
    body = (
      <AuditEventTable
        events={page.items}
        onOpen={openEvent}
        showEntities={!fixedFilters.entityRef}
      />
    );
  }

  return (
    <>
      <Paper className={classes.section}>
        <AuditEventFilterBar
          filters={effectiveFilters}
          onChange={setFilters}
          hidden={hidden}
        />
      </Paper>
      <Paper>
        <Box className={classes.toolbar}>
          <ExportButtons filters={effectiveFilters} />
          <Box display="flex" gridGap={8}>
            <Button
              disabled={!page?.newerCursor}
              onClick={() => setCursor(page?.newerCursor)}
            >
              Newer
            </Button>
            <Button
              disabled={!page?.olderCursor}
              onClick={() => setCursor(page?.olderCursor)}
            >
              Older
            </Button>
          </Box>
        </Box>
        {body}
      </Paper>
      {openedSeq && (
        <AuditEventDetailsDialog
          seq={openedSeq}
          onClose={() => openEvent(undefined)}
          onShowOperation={operationId =>
            setFilters({ ...fixedFilters, operationId })
          }
        />
      )}
    </>
  );
};
