import { useState } from 'react';
import { Button, makeStyles } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { AuditEventFilters } from '@slipway/backstage-plugin-audit-log-common';
import { AuditLogExportFormat, auditLogApiRef } from '../../api';
import useAsyncFn from 'react-use/esm/useAsyncFn';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', gap: theme.spacing(1) },
}));

function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads every event matching the filters (not just the page shown). The request carries the reader's token,
 * which a plain link could not, so the file is fetched and then saved.
 */
export const ExportButtons = ({ filters }: { filters: AuditEventFilters }) => {
  const classes = useStyles();
  const api = useApi(auditLogApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<AuditLogExportFormat>();
  const [exporting, download] = useAsyncFn(
    async (format: AuditLogExportFormat) => {
      setBusy(format);
      try {
        const { blob, fileName } = await api.exportEvents({ filters, format });
        saveFile(blob, fileName);
      } catch (error) {
        alertApi.post({
          message: `The export failed: ${
            error instanceof ResponseError
              ? error.body.error.message
              : (error as Error).message
          }`,
          severity: 'error',
        });
      }
    },
    [api, alertApi, filters],
  );

  return (
    <div className={classes.root}>
      {(['csv', 'ndjson'] as const).map(format => (
        <Button
          key={format}
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={exporting.loading}
          onClick={() => download(format)}
        >
          {exporting.loading && busy === format
            ? 'Exporting…'
            : `Export ${format.toUpperCase()}`}
        </Button>
      ))}
    </div>
  );
};
