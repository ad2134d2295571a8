import { TestDatabases } from '@backstage/backend-test-utils';
import { makeRecord } from '../__testUtils__/records';
import { createTestStore } from '../__testUtils__/stores';

jest.setTimeout(120_000);

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1);

describe('retention', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'removes the oldest events and keeps the rest verifiable, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      // Day n holds events 10n+1 … 10n+10, for n = 0 … 9.
      for (let i = 0; i < 100; i++) {
        await store.append(
          makeRecord({
            occurredAt: new Date(T0 + Math.floor(i / 10) * DAY + i),
          }),
        );
      }

      expect(await store.purgeBefore(new Date(T0 + 3 * DAY))).toEqual({
        removed: 30,
      });
      const head = await knex('audit_chain_head').first();
      expect(Number(head.checkpoint_seq)).toBe(30);
      expect(head.checkpoint_at).not.toBeNull();
      // 70 kept, and the purge's own event, which names the checkpoint.
      expect(Number((await knex('audit_events').count({ n: '*' }))[0].n)).toBe(
        71,
      );
      const purgeEvent = await knex('audit_events').where({ seq: 101 }).first();
      expect(purgeEvent).toMatchObject({
        plugin_id: 'audit-log',
        event_id: 'retention-purge',
      });
      expect(JSON.parse(purgeEvent.meta)).toMatchObject({
        removed: 30,
        checkpointSeq: 30,
        checkpointHash: head.checkpoint_hash,
      });
      expect(
        Number(
          (
            await knex('audit_event_entities')
              .where('seq', '<=', 30)
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(0);

      expect(await store.verifyChain()).toMatchObject({
        ok: true,
        fromSeq: 31,
        toSeq: 101,
        checkedEvents: 71,
      });
      // Appending continues the chain after a purge.
      await store.append(makeRecord({ occurredAt: new Date(T0 + 20 * DAY) }));
      expect(await store.verifyChain()).toMatchObject({ ok: true, toSeq: 102 });
      // Tampering right after the checkpoint is still detected.
      await knex('audit_events')
        .where({ seq: 31 })
        .update({ event_id: 'forged' });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 31,
        kind: 'changed',
      });
      await knex('audit_events')
        .where({ seq: 31 })
        .update({ event_id: 'entity-mutate' });
      expect(await store.purgeBefore(new Date(T0 + 3 * DAY))).toEqual({
        removed: 0,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'purges in several batches up to the first event that is too new, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      const old = new Date(T0);
      await Promise.all(
        Array.from({ length: 12_000 }, () =>
          store.append(makeRecord({ occurredAt: old })),
        ),
      );
      await store.append(makeRecord({ occurredAt: new Date(T0 + 10 * DAY) }));
      // An old event after a new one stays: only a prefix of the chain can go.
      await store.append(makeRecord({ occurredAt: old }));

      expect(await store.purgeBefore(new Date(T0 + DAY))).toEqual({
        removed: 12_000,
      });
      // The two newer events, and one purge event per batch of 5,000.
      expect(Number((await knex('audit_events').count({ n: '*' }))[0].n)).toBe(
        5,
      );
      expect(await store.verifyChain()).toMatchObject({
        ok: true,
        fromSeq: 12_001,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses to purge a broken part of the chain, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      for (let i = 0; i < 10; i++) {
        await store.append(makeRecord({ occurredAt: new Date(T0 + i) }));
      }
      await knex('audit_events')
        .where({ seq: 4 })
        .update({ actor_id: 'user:default/mallory' });
      await expect(store.purgeBefore(new Date(T0 + DAY))).rejects.toThrow(
        'Retention stopped at audit event 4',
      );
      expect(Number((await knex('audit_events').count({ n: '*' }))[0].n)).toBe(
        10,
      );
    },
  );
});
