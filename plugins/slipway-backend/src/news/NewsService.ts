import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  NewNewsItem,
  NewsList,
  PublishedNews,
  slipwayNewsPublishPermission,
} from '@slipway/backstage-plugin-slipway-common';
import { randomUUID } from 'node:crypto';
import { Request } from 'express';
import { redactFreeText } from '../engine/redactFreeText';
import { NewsStore } from './NewsStore';

/** The notification topic of platform news: people can mute it in their notification settings. */
export const NEWS_TOPIC = 'platform-news';

/** Where a notification without a link of its own takes people: the news on the Platform page. */
const NEWS_PAGE = '/slipway/news';

/**
 * Platform news: published by those the policy allows (`slipway.news.publish`), read by everyone signed in, audited,
 * and sent to everyone as a broadcast notification. A secret pasted into an item is redacted before it is stored,
 * since everyone reads it.
 */
export class NewsService {
  constructor(
    private readonly deps: {
      store: NewsStore;
      permissions: PermissionsService;
      auditor: AuditorService;
      logger: LoggerService;
      notifications?: NotificationService;
    },
  ) {}

  async list(
    limit: number,
    credentials: BackstageCredentials,
  ): Promise<NewsList> {
    const [items, canPublish] = await Promise.all([
      this.deps.store.latest(limit),
      this.#mayPublish(credentials),
    ]);
    return { items, canPublish };
  }

  async publish(
    input: NewNewsItem,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    request?: Request<any, any, any, any, any>,
  ): Promise<PublishedNews> {
    const item = {
      id: randomUUID(),
      title: redactFreeText(input.title.trim()),
      body: redactFreeText(input.body.trim()),
      ...(input.link?.trim()
        ? { link: redactFreeText(input.link.trim()) }
        : {}),
      author: credentials.principal.userEntityRef,
      publishedAt: new Date().toISOString(),
    };
    const event = await this.deps.auditor.createEvent({
      eventId: 'slipway-news-publish',
      severityLevel: 'medium',
      request,
      meta: { newsId: item.id, title: item.title, link: item.link },
    });
    try {
      if (!(await this.#mayPublish(credentials)))
        throw new NotAllowedError(
          'Only the platform team publishes platform news: the permission policy decides who may (permission slipway.news.publish)',
        );
      checkNews(item);
      await this.deps.store.insert(item);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await event.success();
    return { item, notified: await this.#notify(item) };
  }

  async #mayPublish(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: slipwayNewsPublishPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Everyone hears of it; false when the notifications service is missing or failed (the item stays published). */
  async #notify(item: PublishedNews['item']): Promise<boolean> {
    if (!this.deps.notifications) return false;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'broadcast' },
        payload: {
          title: `Platform news: ${item.title}`,
          description: summary(item.body),
          link: item.link ?? NEWS_PAGE,
          topic: NEWS_TOPIC,
          severity: 'normal',
        },
      });
      return true;
    } catch (error) {
      this.deps.logger.warn(
        `Platform news ${item.id} is published, but its notification failed: ${error}`,
      );
      return false;
    }
  }
}

/** What the OpenAPI document cannot say: not only spaces, and a link that cannot run script. */
function checkNews(item: { title: string; body: string; link?: string }) {
  if (!item.title)
    throw new InputError('The title is empty: give the news a title');
  if (!item.body)
    throw new InputError('The text is empty: say what is new (Markdown)');
  if (item.link && !isSafeLink(item.link))
    throw new InputError(
      `The link must be a web address (https://…) or a path in the portal (/docs/…); "${item.link.slice(
        0,
        80,
      )}" is neither`,
    );
}

function isSafeLink(link: string): boolean {
  // A path here; not a protocol-relative //host, nor /\host, which browsers read as //host.
  if (/^\/(?![/\\])/.test(link)) return true;
  try {
    return ['http:', 'https:'].includes(new URL(link).protocol);
  } catch {
    return false;
  }
}

/** The first lines of the Markdown as plain text, for a notification. */
function summary(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
