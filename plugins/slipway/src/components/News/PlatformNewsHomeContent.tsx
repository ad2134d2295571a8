import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { Byline, newsAnchor } from './NewsList';

const SHOWN = 3;

/** The home page's "Platform news": the latest items' titles, each linked to itself on Platform → News. */
export const PlatformNewsHomeContent = () => {
  const api = useApi(slipwayApiRef);
  const platform = useRouteRef(rootRouteRef);
  const { value, error } = useAsync(() => api.listNews(SHOWN), [api]);
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  const page = `${platform()}/news`;
  if (!value.items.length)
    return (
      <Typography>
        No platform news yet. The platform team announces new features and
        changes here.
      </Typography>
    );
  return (
    <>
      <List dense aria-label="Latest platform news">
        {value.items.map(item => (
          <ListItem key={item.id} disableGutters>
            <ListItemText
              primary={
                <Link to={`${page}#${newsAnchor(item)}`}>{item.title}</Link>
              }
              secondary={<Byline item={item} />}
              secondaryTypographyProps={{ component: 'div' }}
            />
          </ListItem>
        ))}
      </List>
      <Typography variant="body2" align="right">
        <Link to={page}>All platform news</Link>
      </Typography>
    </>
  );
};
