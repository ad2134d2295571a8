import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { slipwayApiRef } from '../../api';
import { NewsList } from './NewsList';
import { PublishNewsForm } from './PublishNewsForm';

/** How many items the page shows: the backend's largest page. */
const SHOWN = 50;

/** Platform → News: what the platform team announced, newest first; those allowed publish from here. */
export const NewsContent = () => {
  const api = useApi(slipwayApiRef);
  const news = useAsyncRetry(() => api.listNews(SHOWN), [api]);
  if (news.error) return <ResponseErrorPanel error={news.error} />;
  if (!news.value) return <Progress />;
  const { items, canPublish } = news.value;
  // On cards, not on the page's grey: secondary text keeps its contrast there (axe color-contrast).
  return (
    // minWidth 0: a column item may be narrower than its widest table, which then scrolls in its card (phones).
    <Grid container spacing={3} direction="column">
      {canPublish && (
        <Grid item style={{ minWidth: 0 }}>
          <InfoCard title="Publish news">
            <PublishNewsForm onPublished={news.retry} />
          </InfoCard>
        </Grid>
      )}
      <Grid item style={{ minWidth: 0 }}>
        <InfoCard title="Platform news">
          {items.length ? (
            <NewsList items={items} />
          ) : (
            <Typography>
              {canPublish
                ? 'No platform news yet: what you publish above appears here and on the home page.'
                : 'No platform news yet. The platform team announces new features and changes here.'}
            </Typography>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
};
