import { NewsItem } from '@slipway/backstage-plugin-slipway-common';
import { Knex } from 'knex';
import { iso } from '../engine/runRows';

/** Platform news in the plugin's database (migrations/20261206000000_news.js). */
export class NewsStore {
  constructor(private readonly knex: Knex) {}

  async insert(item: NewsItem): Promise<void> {
    await this.knex('slipway_news').insert({
      id: item.id,
      title: item.title,
      body: item.body,
      link: item.link ?? null,
      author: item.author,
      published_at: new Date(item.publishedAt),
    });
  }

  /** The newest items first; items published at the same moment in a stable order. */
  async latest(limit: number): Promise<NewsItem[]> {
    const rows = await this.knex('slipway_news')
      .orderBy([
        { column: 'published_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      id: row.id,
      title: row.title,
      body: row.body,
      ...(row.link ? { link: row.link } : {}),
      author: row.author,
      publishedAt: iso(row.published_at)!,
    }));
  }
}
