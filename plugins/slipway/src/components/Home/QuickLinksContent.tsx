import { Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';

/** A quick link of the home page. @public */
export interface QuickLink {
  title: string;
  url: string;
}

/** What a portal offers without configuration: starting something new, and the Platform page. */
export const DEFAULT_QUICK_LINKS: QuickLink[] = [
  { title: 'Create an application', url: '/create' },
  { title: 'Platform: runs, approvals, manifest problems', url: '/slipway' },
];

/**
 * The home page's quick links (quick start, manifest reference, templates…), as a list screen readers announce as
 * one: Backstage's own Toolkit widget puts its links straight into a `<ul>`, which assistive technology cannot count.
 */
export const QuickLinksContent = (props: { links?: QuickLink[] }) => (
  <List dense aria-label="Quick links">
    {(props.links ?? DEFAULT_QUICK_LINKS).map(link => (
      <ListItem key={link.url} disableGutters>
        <ListItemText primary={<Link to={link.url}>{link.title}</Link>} />
      </ListItem>
    ))}
  </List>
);
