import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import { ReactNode } from 'react';

/**
 * The period a page's figures cover (Insights, Feedback), with an optional sentence beside it. On a card, not on the
 * page's grey: the label keeps its contrast (axe color-contrast).
 */
export function PeriodPicker(props: {
  id: string;
  value: number;
  options: Array<{ value: number; label: string }>;
  onChange: (value: number) => void;
  children?: ReactNode;
}) {
  return (
    <Paper>
      <Box p={2} display="flex" alignItems="center" style={{ gap: 16 }}>
        <TextField
          select
          id={props.id}
          label="Period"
          value={props.value}
          onChange={e => props.onChange(Number(e.target.value))}
          variant="outlined"
          size="small"
          style={{ minWidth: 160 }}
        >
          {props.options.map(option => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))}
        </TextField>
        {props.children}
      </Box>
    </Paper>
  );
}
