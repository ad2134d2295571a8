import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { computeEventHash } from '../chain/eventHash';
import { readAuditLogConfig } from '../config';
import { makeRecord } from '../__testUtils__/records';
import {
  createTestStore,
  openStore,
  seed,
  TEST_INTEGRITY_KEY,
} from '../__testUtils__/stores';
import { recordToRow, rowToRecord } from './rows';

jest.setTimeout(60_000);

/**
 * Tampering that the links between events alone do not show, done as someone with write access to the audit
 * database would: cutting either end of the chain, rewriting it with fresh hashes, refiling events under other
 * entities, editing search text or the stored verification. `openStore` stands for a backend started afresh, which
 * has no memory of what it appended before.
 */

const keyed = { integrityKey: TEST_INTEGRITY_KEY };

async function hashAt(knex: Knex, seq: number): Promise<string> {
  return (await knex('audit_events').where({ seq }).first()).hash;
}

/** Deletes the events after `seq` and moves the head back to it, as a careful intruder would. */
async function cutTheEnd(knex: Knex, seq: number) {
  await knex('audit_event_entities').where('seq', '>', seq).delete();
  await knex('audit_events').where('seq', '>', seq).delete();
  await knex('audit_chain_head').update({
    last_seq: seq,
    last_hash: await hashAt(knex, seq),
  });
}

/** Deletes the events up to `seq` and moves the retention checkpoint to it. */
async function cutTheStart(knex: Knex, seq: number) {
  const hash = await hashAt(knex, seq);
  await knex('audit_event_entities').where('seq', '<=', seq).delete();
  await knex('audit_events').where('seq', '<=', seq).delete();
  await knex('audit_chain_head').update({
    checkpoint_seq: seq,
    checkpoint_hash: hash,
  });
}

/** Rewrites event `from` and hashes it and every later event again, head included: a consistent forged chain. */
async function rewriteAndRehash(knex: Knex, from: number) {
  const rows = await knex('audit_events')
    .where('seq', '>=', from)
    .orderBy('seq');
  let prevHash = await hashAt(knex, from - 1);
  for (const row of rows) {
    const record = rowToRecord(row);
    if (Number(row.seq) === from) {
      record.meta = { n: from, approved: true };
    }
    const hash = computeEventHash(prevHash, record);
    await knex('audit_events')
      .where({ seq: row.seq })
      .update(recordToRow(record, { seq: Number(row.seq), prevHash, hash }));
    prevHash = hash;
  }
  await knex('audit_chain_head').update({ last_hash: prevHash });
}

describe('verifying both ends of the chain and what is derived from it', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'detects events cut from the end with the head moved back, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(
        databases,
        databaseId,
        keyed,
      );
      await seed(store);
      await cutTheEnd(knex, 7);
      // The backend that recorded event 10 remembers it.
      expect(await store.verifyChain()).toMatchObject({
        ok: false,
        problem: { seq: 8, kind: 'truncated' },
      });
      // A backend started afresh sees the head's seal broken.
      expect(await (await openStore(knex, keyed)).verifyChain()).toMatchObject({
        ok: false,
        sealed: true,
        problem: { seq: 7, kind: 'unsealed' },
      });
      // Without the key, a fresh backend cannot tell (docs/audit-log.md says so), and says the chain is not sealed.
      expect(await (await openStore(knex)).verifyChain()).toMatchObject({
        ok: true,
        sealed: false,
        toSeq: 7,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects events cut from the start with the checkpoint moved, retention off, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      await cutTheStart(knex, 3);
      // No key: the missing retention-purge event gives it away.
      expect(await (await openStore(knex)).verifyChain()).toMatchObject({
        ok: false,
        fromSeq: 4,
        problem: {
          seq: 3,
          kind: 'truncated',
          message:
            'Events up to 3 are gone, but no retention purge recorded removing them: they were deleted and the checkpoint moved by hand.',
        },
      });

      const sealed = await createTestStore(databases, databaseId, keyed);
      await seed(sealed.store);
      await cutTheStart(sealed.knex, 3);
      expect(
        (await (await openStore(sealed.knex, keyed)).verifyChain()).problem,
      ).toMatchObject({ kind: 'unsealed' });
    },
  );

  it.each(databases.eachSupportedId())(
    'accepts a checkpoint that retention moved, key or not, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(
        databases,
        databaseId,
        keyed,
      );
      for (let i = 0; i < 10; i++) {
        await store.append(
          makeRecord({ occurredAt: new Date(Date.UTC(2026, 0, 1 + i)) }),
        );
      }
      expect(await store.purgeBefore(new Date(Date.UTC(2026, 0, 4)))).toEqual({
        removed: 3,
      });
      for (const reader of [store, await openStore(knex, keyed)]) {
        expect(await reader.verifyChain()).toMatchObject({
          ok: true,
          sealed: true,
          fromSeq: 4,
          toSeq: 11,
        });
      }
      expect(await (await openStore(knex)).verifyChain()).toMatchObject({
        ok: true,
        sealed: false,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects a chain rewritten and hashed again, head included, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(
        databases,
        databaseId,
        keyed,
      );
      await seed(store);
      await rewriteAndRehash(knex, 6);
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 10,
        kind: 'changed',
        message:
          'Event 10 is not the event this backend recorded: the chain was rewritten from there on and hashed again.',
      });
      expect(
        (await (await openStore(knex, keyed)).verifyChain()).problem,
      ).toMatchObject({ kind: 'unsealed' });
    },
  );

  it.each(databases.eachSupportedId())(
    'does not seal a tampered head again when events are appended after it, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(
        databases,
        databaseId,
        keyed,
      );
      await seed(store);
      await cutTheEnd(knex, 7);
      const restarted = await openStore(knex, keyed);
      await restarted.append(makeRecord());
      expect((await restarted.verifyChain()).problem).toMatchObject({
        seq: 8,
        kind: 'unsealed',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'seals an unsealed head at startup and records that it did, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store, 3);
      const restarted = await openStore(knex, keyed);
      const sealedEvent = await knex('audit_events').where({ seq: 4 }).first();
      expect(sealedEvent).toMatchObject({
        plugin_id: 'audit-log',
        event_id: 'chain-sealed',
        severity: 'high',
      });
      expect(JSON.parse(sealedEvent.meta)).toEqual({ unsealedThrough: 3 });
      expect(await restarted.verifyChain()).toMatchObject({
        ok: true,
        sealed: true,
        toSeq: 4,
      });
      // A second start finds the head sealed and records nothing.
      await openStore(knex, keyed);
      expect(Number((await knex('audit_chain_head').first()).last_seq)).toBe(4);
    },
  );

  it.each(databases.eachSupportedId())(
    'detects entity links that file an event under another team or take it off its own, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      await knex('audit_event_entities').insert({
        entity_ref: 'component:default/storefront-web',
        seq: 5,
      });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 5,
        kind: 'misfiled',
        message:
          'Event 5 was filed under component:default/storefront-web, which it is not about: their owners would see an event that is not theirs.',
      });
      await knex('audit_event_entities').where({ seq: 5 }).delete();
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 5,
        kind: 'misfiled',
        message:
          'Event 5 was taken off component:default/checkout-api, which it is about: their owners would no longer see it.',
      });
      await knex('audit_event_entities').insert({
        entity_ref: 'component:default/checkout-api',
        seq: 5,
      });
      expect((await store.verifyChain()).ok).toBe(true);
      // Links planted for an event that does not exist yet would file the next event.
      await knex('audit_event_entities').insert({
        entity_ref: 'component:default/storefront-web',
        seq: 11,
      });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 11,
        kind: 'misfiled',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects edited search text, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      await knex('audit_events')
        .where({ seq: 3 })
        .update({ search_text: 'nothing to see' });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 3,
        kind: 'changed',
        message:
          "Event 3's search text was changed: searches would find it for words it does not hold, or miss it.",
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'shows a stored verification result that was edited as forged, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(
        databases,
        databaseId,
        keyed,
      );
      await seed(store);
      await knex('audit_events').where({ seq: 2 }).update({ status: 'failed' });
      const broken = await store.verifyChain();
      expect(broken.ok).toBe(false);
      expect(await store.getLatestVerification()).toEqual(broken);

      // The problem is left out: JSON drops what is undefined.
      const whitewashed = { ...broken, ok: true, problem: undefined };
      await knex('audit_chain_verification').update({
        result: JSON.stringify(whitewashed),
      });
      expect(await store.getLatestVerification()).toMatchObject({
        ok: false,
        problem: { kind: 'forged' },
      });
    },
  );

  it('refuses an integrity key too short to resist guessing', () => {
    expect(() =>
      readAuditLogConfig(
        new ConfigReader({ auditLog: { integrity: { key: 'secret' } } }),
      ),
    ).toThrow(
      'auditLog.integrity.key must be at least 32 characters long (it has 6)',
    );
    expect(
      readAuditLogConfig(
        new ConfigReader({
          auditLog: { integrity: { key: TEST_INTEGRITY_KEY } },
        }),
      ).integrity.key,
    ).toBe(TEST_INTEGRITY_KEY);
  });
});
