import Button from '@material-ui/core/Button';
import { downloadCsv, toCsv } from './csv';

/** A card's "Export CSV": its table's figures, as a file. */
export function ExportButton(props: {
  fileName: string;
  header: string[];
  rows: Array<Array<string | number>>;
}) {
  return (
    <Button
      size="small"
      disabled={!props.rows.length}
      onClick={() =>
        downloadCsv(props.fileName, toCsv(props.header, props.rows))
      }
    >
      Export CSV
    </Button>
  );
}
