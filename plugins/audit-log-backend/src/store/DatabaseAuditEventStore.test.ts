import { TestDatabases } from '@backstage/backend-test-utils';
import { makeRecord } from '../__testUtils__/records';
import { createTestStore } from '../__testUtils__/stores';
import { DatabaseAuditEventStore } from './DatabaseAuditEventStore';
import { EventQuery } from './queryTypes';

jest.setTimeout(60_000);

const everything: EventQuery = { filters: {} };

describe('DatabaseAuditEventStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'stores an event exactly as given, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const record = makeRecord({
        plugin: 'slipway',
        eventId: 'action-run',
        severity: 'high',
        status: 'failed',
        actor: {
          type: 'user',
          id: 'user:default/alice',
          ip: '10.1.2.3',
          hostname: 'portal.acme.example',
          userAgent: 'Mozilla/5.0',
        },
        request: { method: 'POST', url: '/api/slipway/actions/restart' },
        entityRefs: [
          'component:default/checkout-api',
          'system:default/payments',
        ],
        environment: 'prod',
        error: { name: 'NotAllowedError', message: 'Approval required' },
        meta: { action: 'restart', nested: { values: [1, 2.5, true, null] } },
      });

      const seq = await store.append(record);
      expect(seq).toBe(1);

      const event = await store.getEvent(seq, everything);
      expect(event).toEqual({
        seq: 1,
        occurredAt: record.occurredAt.toISOString(),
        plugin: 'slipway',
        eventId: 'action-run',
        severity: 'high',
        status: 'failed',
        operationId: record.operationId,
        actor: record.actor,
        request: record.request,
        entityRefs: [
          'component:default/checkout-api',
          'system:default/payments',
        ],
        environment: 'prod',
        error: record.error,
        meta: record.meta,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        prevHash: '0'.repeat(64),
      });
      expect(await store.getEvent(2, everything)).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one gap-free chain under concurrent appends from two store instances (two replicas), on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      const replica = await DatabaseAuditEventStore.create({
        database: { getClient: async () => knex },
      });

      const seqs = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          (i % 2 ? store : replica).append(makeRecord({ eventId: `e-${i}` })),
        ),
      );
      expect([...seqs].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 300 }, (_, i) => i + 1),
      );
      const verification = await store.verifyChain();
      expect(verification).toMatchObject({
        ok: true,
        checkedEvents: 300,
        fromSeq: 1,
        toSeq: 300,
      });
      expect(await store.getLatestVerification()).toEqual(verification);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails the append, and stores nothing, when the write fails, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await knex.schema.renameTable('audit_events', 'audit_events_away');
      await expect(store.append(makeRecord())).rejects.toThrow();
      await knex.schema.renameTable('audit_events_away', 'audit_events');

      const head = await knex('audit_chain_head').first();
      expect(Number(head.last_seq)).toBe(0);
      expect(await store.append(makeRecord())).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails only the record that cannot be stored, not the others of its batch, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.append(
            makeRecord(i === 4 ? { occurredAt: new Date(Number.NaN) } : {}),
          ),
        ),
      );
      expect(results.map(r => r.status)).toEqual([
        ...Array(4).fill('fulfilled'),
        'rejected',
        ...Array(5).fill('fulfilled'),
      ]);
      const seqs = results.flatMap(r =>
        r.status === 'fulfilled' ? [r.value] : [],
      );
      expect([...seqs].sort((a, b) => a - b)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9,
      ]);
      expect(await store.verifyChain()).toMatchObject({ ok: true, toSeq: 9 });
    },
  );

  it.each(databases.eachSupportedId())(
    'never lets event times go backwards along the chain, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const later = new Date('2026-05-04T10:00:05.000Z');
      await store.append(makeRecord({ occurredAt: later }));
      // Reported a moment earlier, but it got the lock second: it takes the time of the event before it.
      const seq = await store.append(
        makeRecord({ occurredAt: new Date('2026-05-04T10:00:04.990Z') }),
      );
      expect((await store.getEvent(seq, everything))?.occurredAt).toBe(
        later.toISOString(),
      );
      const after = await store.append(
        makeRecord({ occurredAt: new Date('2026-05-04T10:00:06.000Z') }),
      );
      expect((await store.getEvent(after, everything))?.occurredAt).toBe(
        '2026-05-04T10:00:06.000Z',
      );
      expect((await store.verifyChain()).ok).toBe(true);
      const page = await store.listEvents(
        { filters: { from: later, to: new Date('2026-05-04T10:00:06.000Z') } },
        { limit: 10 },
      );
      expect(page.items.map(e => e.seq)).toEqual([2, 1]);
    },
  );

  it.each(databases.eachSupportedId())(
    'cuts values longer than their column before hashing, so the chain still verifies, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const long = 'x'.repeat(20_000);
      const seq = await store.append(
        makeRecord({
          plugin: long,
          actor: { type: 'user', id: long },
          error: { name: long, message: long },
          entityRefs: [`component:default/${long}`],
        }),
      );
      const event = await store.getEvent(seq, everything);
      expect(event?.plugin).toHaveLength(255);
      expect(event?.actor.id).toHaveLength(512);
      expect(event?.error?.message).toHaveLength(16_384);
      expect((await store.verifyChain()).ok).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores text the database cannot hold as is (NUL, split surrogate pairs) so that it still verifies, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const emojiAtTheCut = `${'x'.repeat(16_383)}😀`;
      const seq = await store.append(
        makeRecord({
          eventId: 'nul\u0000inside',
          error: { name: 'Error', message: emojiAtTheCut },
          request: { method: 'GET', url: '/half\uD83D/pair' },
          meta: { note: 'nul\u0000and half \uDE00' },
        }),
      );
      const event = await store.getEvent(seq, everything);
      expect(event?.eventId).toBe('nulinside');
      expect(event?.error?.message).toBe(`${'x'.repeat(16_383)}\uFFFD`);
      expect(event?.request?.url).toBe('/half\uFFFD/pair');
      expect(event?.meta).toEqual({ note: 'nul\u0000and half \uDE00' });
      expect((await store.verifyChain()).ok).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'streams every matching event oldest first, across read batches, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await Promise.all(
        Array.from({ length: 2500 }, (_, i) =>
          store.append(
            makeRecord({ plugin: i % 5 === 0 ? 'slipway' : 'catalog' }),
          ),
        ),
      );
      const seqs: number[] = [];
      for await (const event of store.streamEvents({
        filters: { plugin: 'slipway' },
      })) {
        seqs.push(event.seq);
      }
      expect(seqs).toHaveLength(500);
      expect(seqs[0]).toBe(1);
      expect(seqs[499]).toBe(2496);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    },
  );
});
