import { Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { ReactNode } from 'react';
import { RelativeTime } from '../EnvironmentsTable';
import { RunHeadline } from './RunHeadline';

/**
 * Runs as a list, for a home page card and for narrow screens: what each does in words, linked to where it is seen,
 * and a line about it with when it was asked.
 */
export const RunList = (props: {
  runs: Run[];
  label: string;
  linkOf: (run: Run) => string;
  aside: (run: Run) => ReactNode;
}) => (
  <List dense aria-label={props.label} disablePadding>
    {props.runs.map(run => (
      <ListItem key={run.id} disableGutters>
        <ListItemText
          primary={
            <Link to={props.linkOf(run)}>
              <RunHeadline run={run} />
            </Link>
          }
          secondary={
            <>
              {props.aside(run)} · <RelativeTime iso={run.createdAt} />
            </>
          }
        />
      </ListItem>
    ))}
  </List>
);
