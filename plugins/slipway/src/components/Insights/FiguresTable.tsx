import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';
import { WholeWords } from '../Words';

/**
 * A small table of figures beside a chart (for screen readers and exact numbers): the first `textColumns` (default
 * one) are text, the others numbers, aligned right. The first column does not wrap (a week, a name); the other text
 * columns wrap between words, so that the table scrolls within its card only on a phone.
 */
export function FiguresTable(props: {
  label: string;
  columns: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
  textColumns?: number;
}) {
  const text = props.textColumns ?? 1;
  return (
    <WholeWords>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            {props.columns.map((column, i) => (
              <TableCell key={column} align={i < text ? 'left' : 'right'}>
                {column}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(row => (
            <TableRow key={row.key}>
              {row.cells.map((cell, i) => (
                <TableCell
                  key={i}
                  align={i < text ? 'left' : 'right'}
                  style={i === 0 ? { whiteSpace: 'nowrap' } : undefined}
                >
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </WholeWords>
  );
}
