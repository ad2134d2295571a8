import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  auditEvents,
  key,
  instantRestart,
  startSlipwayBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

describe('notes to the platform team, and what the platform team reads', () => {
  let slipway: Awaited<ReturnType<typeof startSlipwayBackend>>;
  beforeAll(async () => {
    slipway = await startSlipwayBackend({
      executors: [instantRestart],
    });
  });
  const as = (user: string) =>
    mockCredentials.user.header(`user:default/${user}`);
  const note = (user: string, body: unknown) =>
    request(slipway.server)
      .post('/api/slipway/notes')
      .set('Authorization', as(user))
      .send(body as object);
  const feedback = (user: string, query = '') =>
    request(slipway.server)
      .get(`/api/slipway/feedback${query}`)
      .set('Authorization', as(user));

  it('keeps a note from anyone, redacting a pasted secret, and shows it to the platform team beside the ratings', async () => {
    const sent = await note('bob', {
      text: '  Please add a Restart for workers. My token=ghp_canary1234567890abcdefghijklmnopqrstuv  ',
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      id: expect.any(String),
      author: 'user:default/bob',
      text: expect.stringMatching(/^Please add a Restart for workers\./),
      createdAt: expect.any(String),
    });
    expect(sent.body.text).not.toContain('ghp_canary');
    expect(
      auditEvents.filter(e => e.eventId === 'slipway-platform-note').at(-1),
    ).toMatchObject({
      severityLevel: 'low',
      outcome: 'success',
      meta: { noteId: sent.body.id },
    });
    expect(JSON.stringify(auditEvents)).not.toContain('ghp_canary');

    // Alice rates two restarts: one helpful, one not with a comment.
    for (const [helpful, comment] of [
      [true, undefined],
      [false, 'It took 5 minutes'],
    ] as const) {
      const run = await slipway.post('alice', {
        action: 'restart',
        entityRef: 'component:default/checkout',
        environment: 'dev',
        parameters: {},
        idempotencyKey: key(),
      });
      await slipway.finished('alice', run.body.id);
      expect(
        (
          await slipway.put('alice', `/runs/${run.body.id}/feedback`, {
            helpful,
            ...(comment ? { comment } : {}),
          })
        ).status,
      ).toBe(200);
    }

    const read = await feedback('carol', '?days=30');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      days: 30,
      ratings: [{ action: 'restart', helpful: 1, notHelpful: 1 }],
      byWeek: [
        { week: expect.any(String), helpful: 1, notHelpful: 1, notes: 1 },
      ],
      comments: [
        expect.objectContaining({
          action: 'restart',
          entityRef: 'component:default/checkout',
          environment: 'dev',
          requester: 'user:default/alice',
          helpful: false,
          comment: 'It took 5 minutes',
        }),
      ],
      notes: [sent.body],
    });
  });

  it('does not show the notes, which carry their authors, to a backend service', async () => {
    const res = await request(slipway.server)
      .get('/api/slipway/feedback')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(403);
  });

  it('tells someone who may not read the feedback who may, in words', async () => {
    const refused = await feedback('alice');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /^Only the platform team reads developers' feedback/,
    );
  });

  it.each([
    ['an empty note', { text: '' }, /text/],
    ['a note of spaces', { text: '  \n ' }, /The note is empty/],
    ['a note too long', { text: 'x'.repeat(2001) }, /text/],
    ['no text', {}, /text/],
    ['a field it does not know', { text: 'x', to: 'carol' }, /to|additional/],
  ])(
    'answers %s with a 400 that says what is wrong',
    async (_, body, message) => {
      const res = await note('bob', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it.each(['?days=0', '?days=367', '?days=soon'])(
    'answers GET /feedback%s with a 400',
    async query => {
      const res = await feedback('carol', query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/days/);
    },
  );
});
