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
import {
  AuditEventFilterBar,
  readsShown,
  useFilterSuggestions,
} from '../AuditEventFilterBar';
import { AuditEventTable } from '../AuditEventTable';
import { ExportButtons } from '../ExportButtons';

const useStyles = makeStyles(theme => ({
  section: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  toolbar: {
    display: 'flex',
    // On a phone the paging buttons go under the export buttons rather than past the window's edge.
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    justifyContent: 'space-between',
    alignItems: 'center',
    padding: theme.spacing(1, 2),
  },
}));

const PAGE_SIZE = 25;
const NO_FILTERS: AuditEventFilters = {};
const SHOW_READS: AuditEventFilters = { minSeverity: 'low' };

function isForbidden(error: Error) {
  return error instanceof ResponseError && error.statusCode === 403;
}

/**
 * The list of audit events with its filters, pager, export and details. `fixedFilters` are always applied and not
 * shown (an entity page's entity); `defaultFilters` apply until the URL says otherwise (an entity page hides reads);
 * everything else lives in the URL.
 */
export const AuditEventsView = ({
  fixedFilters = NO_FILTERS,
  defaultFilters = NO_FILTERS,
}: {
  fixedFilters?: AuditEventFilters;
  defaultFilters?: AuditEventFilters;
}) => {
  const classes = useStyles();
  const api = useApi(auditLogApiRef);
  const { filters, setFilters, cursor, setCursor, openedSeq, openEvent } =
    useAuditLogSearchParams();
  const effectiveFilters = useMemo(
    () => ({ ...defaultFilters, ...filters, ...fixedFilters }),
    [filters, fixedFilters, defaultFilters],
  );
  const { minSeverity } = effectiveFilters;
  const suggestionScope = useMemo(
    () => ({ ...fixedFilters, ...(minSeverity && { minSeverity }) }),
    [fixedFilters, minSeverity],
  );
  const suggestions = useFilterSuggestions(suggestionScope);
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
  // Whether reads are shown is not a filter to clear: it has its own switch.
  const filtered = Object.keys(filters).some(
    key =>
      key !== 'minSeverity' && !hidden.includes(key as keyof AuditEventFilters),
  );
  const readsHidden = !readsShown(effectiveFilters);

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
  } else if (!page?.items.length && filtered) {
    body = (
      <Box p={2}>
        <EmptyState
          missing="data"
          title="No events match these filters"
          description={
            readsHidden
              ? 'Change or clear the filters, or show reads, to see more events.'
              : 'Change or clear the filters to see more events.'
          }
          action={
            <Button
              variant="contained"
              color="primary"
              onClick={() => setFilters(fixedFilters)}
            >
              Clear filters
            </Button>
          }
        />
      </Box>
    );
  } else if (!page?.items.length && readsHidden) {
    body = (
      <Box p={2}>
        <EmptyState
          missing="data"
          title="No changes yet"
          description="Reads are hidden: events of low severity, such as someone opening an entity's page. Show them to see who looked."
          action={
            <Button
              variant="contained"
              color="primary"
              onClick={() => setFilters({ ...filters, ...SHOW_READS })}
            >
              Show reads
            </Button>
          }
        />
      </Box>
    );
  } else if (!page?.items.length) {
    body = (
      <Box p={2}>
        <EmptyState
          missing="data"
          title="No audit events yet"
          description="Events appear here as soon as someone does something audited."
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
          suggestions={suggestions}
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
            // Every record of it, be it a read.
            setFilters({ ...fixedFilters, ...SHOW_READS, operationId })
          }
        />
      )}
    </>
  );
};
