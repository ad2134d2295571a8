import { Link, MarkdownContent } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { NewsItem } from '@slipway/backstage-plugin-slipway-common';
import { RelativeTime } from '../EnvironmentsTable';

/** The anchor of an item on Platform → News, so that the home page and a notification can point at it. */
export const newsAnchor = (item: Pick<NewsItem, 'id'>) => `news-${item.id}`;

/** Who published an item and when, in words: "Carol Chen · 3 days ago". */
export const Byline = ({ item }: { item: NewsItem }) => (
  <Typography variant="body2" color="textSecondary">
    <EntityDisplayName entityRef={item.author} hideIcon /> ·{' '}
    <RelativeTime iso={item.publishedAt} />
  </Typography>
);

/**
 * Platform news as articles, newest first. Bodies are Markdown rendered by Backstage's MarkdownContent, which
 * sanitises what HTML it lets through (a `<script>` in a body is dropped, not run).
 */
export const NewsList = ({ items }: { items: NewsItem[] }) => (
  <Box component="section" aria-label="Platform news items">
    {items.map(item => (
      <Box
        component="article"
        key={item.id}
        id={newsAnchor(item)}
        aria-labelledby={`${newsAnchor(item)}-title`}
        mb={3}
      >
        <Typography
          variant="h5"
          component="h3"
          id={`${newsAnchor(item)}-title`}
        >
          {item.title}
        </Typography>
        <Byline item={item} />
        <MarkdownContent content={item.body} dialect="gfm" />
        {item.link && (
          <Typography variant="body2">
            <Link to={item.link}>Read more</Link>
          </Typography>
        )}
      </Box>
    ))}
  </Box>
);
