import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  auditEvents,
  sentNotifications,
  instantRestart,
  startSlipwayBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

// What a script link looks like, which the tests must send to see it refused.
// eslint-disable-next-line no-script-url
const SCRIPT_LINK = 'javascript:alert(1)';

describe('platform news', () => {
  let slipway: Awaited<ReturnType<typeof startSlipwayBackend>>;
  beforeAll(async () => {
    slipway = await startSlipwayBackend({
      // The test environments restart with a "test" executor; news needs none.
      executors: [instantRestart],
    });
  });

  const as = (user: string) =>
    mockCredentials.user.header(`user:default/${user}`);
  const publish = (user: string, body: unknown) =>
    request(slipway.server)
      .post('/api/slipway/news')
      .set('Authorization', as(user))
      .send(body as object);
  const news = (user: string, query = '') =>
    request(slipway.server)
      .get(`/api/slipway/news${query}`)
      .set('Authorization', as(user));

  it('publishes an admin’s item, redacting a pasted secret, tells everyone and lists it first for all', async () => {
    const notified = sentNotifications.length;
    const published = await publish('carol', {
      title: '  Database copies are here  ',
      body: '# Copy production\n\nAsk for a masked copy on the **Platform** tab. token=ghp_canary1234567890abcdefghijklmnopqrstuv',
      link: 'https://docs.example.com/database-copies',
    });
    expect(published.status).toBe(201);
    expect(published.body).toEqual({
      item: {
        id: expect.any(String),
        title: 'Database copies are here',
        body: expect.stringContaining('Ask for a masked copy'),
        link: 'https://docs.example.com/database-copies',
        author: 'user:default/carol',
        publishedAt: expect.any(String),
      },
      notified: true,
    });
    expect(published.body.item.body).not.toContain('ghp_canary');

    expect(sentNotifications.slice(notified)).toEqual([
      {
        recipients: { type: 'broadcast' },
        payload: {
          title: 'Platform news: Database copies are here',
          description: expect.stringMatching(
            /^Copy production Ask for a masked copy on the Platform tab\./,
          ),
          link: 'https://docs.example.com/database-copies',
          topic: 'platform-news',
          severity: 'normal',
        },
      },
    ]);
    expect(JSON.stringify(sentNotifications)).not.toContain('ghp_canary');
    expect(
      auditEvents.filter(e => e.eventId === 'slipway-news-publish').at(-1),
    ).toMatchObject({
      severityLevel: 'medium',
      outcome: 'success',
      meta: {
        newsId: published.body.item.id,
        title: 'Database copies are here',
      },
    });

    const later = await publish('carol', {
      title: 'Restarts need a reason',
      body: 'From today.',
    });
    expect(later.body.item.link).toBeUndefined();
    const bobReads = await news('bob');
    expect(bobReads.status).toBe(200);
    expect(bobReads.body.canPublish).toBe(false);
    expect(bobReads.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Restarts need a reason',
      'Database copies are here',
    ]);
    expect((await news('carol', '?limit=1')).body).toEqual({
      items: [later.body.item],
      canPublish: true,
    });
  });

  it('refuses someone the policy does not allow, in words, audits the refusal and tells nobody', async () => {
    const notified = sentNotifications.length;
    const before = (await news('alice')).body.items.length;
    const refused = await publish('alice', { title: 'Hello', body: 'Hi' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /^Only the platform team publishes platform news/,
    );
    expect(sentNotifications.length).toBe(notified);
    expect((await news('alice')).body.items.length).toBe(before);
    expect(
      auditEvents.filter(e => e.eventId === 'slipway-news-publish').at(-1),
    ).toMatchObject({ outcome: 'fail', meta: { title: 'Hello' } });
  });

  it.each([
    ['a title of spaces', { title: '   ', body: 'x' }, /title is empty/],
    ['a text of spaces', { title: 'x', body: ' \n ' }, /text is empty/],
    ['no text', { title: 'x' }, /body/],
    [
      'a script link',
      { title: 'x', body: 'y', link: SCRIPT_LINK },
      /must be a web address.*"javascript:alert\(1\)" is neither/,
    ],
    [
      'a link to another host without a scheme',
      { title: 'x', body: 'y', link: '//evil.example.com' },
      /is neither/,
    ],
    [
      'a link that browsers read as another host',
      { title: 'x', body: 'y', link: '/\\evil.example.com' },
      /is neither/,
    ],
    [
      'a link that is no address',
      { title: 'x', body: 'y', link: 'docs please' },
      /is neither/,
    ],
    ['a title too long', { title: 'x'.repeat(151), body: 'y' }, /title/],
    [
      'a field it does not know',
      { title: 'x', body: 'y', pinned: true },
      /pinned|additional/,
    ],
    ['a title that is a number', { title: 42, body: 'y' }, /title/],
    ['an array', [], /.+/],
  ])(
    'answers %s with a 400 that says what is wrong',
    async (_, body, message) => {
      const notified = sentNotifications.length;
      const res = await publish('carol', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(sentNotifications.length).toBe(notified);
    },
  );

  it.each(['?limit=0', '?limit=51', '?limit=ten'])(
    'answers GET /news%s with a 400',
    async query => {
      const res = await news('bob', query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/limit/);
    },
  );
});
