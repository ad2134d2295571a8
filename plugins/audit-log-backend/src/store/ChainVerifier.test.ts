import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { computeEventHash } from '../chain/eventHash';
import { makeRecord } from '../__testUtils__/records';
import { createTestStore, seed } from '../__testUtils__/stores';
import { recordToRow } from './rows';

jest.setTimeout(60_000);

/**
 * Moves events `from` and later one sequence up, leaving `from` free. Two steps, because PostgreSQL checks the
 * primary key row by row during `seq = seq + 1`.
 */
async function shiftUp(knex: Knex, from: number) {
  await knex('audit_events')
    .where('seq', '>=', from)
    .update({ seq: knex.raw('-seq - 1') });
  await knex('audit_events')
    .where('seq', '<', 0)
    .update({ seq: knex.raw('-seq') });
}

async function rowAt(knex: Knex, seq: number) {
  return knex('audit_events').where({ seq }).first();
}

describe('verifying the chain', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'passes on an untouched chain, including an empty one, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      expect(await store.verifyChain()).toMatchObject({
        ok: true,
        checkedEvents: 0,
        fromSeq: 1,
        toSeq: 0,
      });
      await seed(store);
      expect(await store.verifyChain()).toMatchObject({
        ok: true,
        checkedEvents: 10,
        toSeq: 10,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects an UPDATE of a row in the middle, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      await knex('audit_events')
        .where({ seq: 4 })
        .update({ meta: JSON.stringify({ n: 4, approved: true }) });
      expect(await store.verifyChain()).toMatchObject({
        ok: false,
        checkedEvents: 3,
        problem: { seq: 4, kind: 'changed' },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects an UPDATE of a column that is not JSON, and broken JSON, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      await knex('audit_events')
        .where({ seq: 6 })
        .update({ actor_id: 'user:default/mallory' });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 6,
        kind: 'changed',
      });
      await knex('audit_events')
        .where({ seq: 6 })
        .update({ actor_id: 'user:default/alice' });
      expect((await store.verifyChain()).ok).toBe(true);
      await knex('audit_events').where({ seq: 2 }).update({ meta: '{"n":' });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 2,
        kind: 'changed',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects a DELETE in the middle and at the end, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      await knex('audit_events').whereIn('seq', [5, 6]).delete();
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 5,
        kind: 'removed',
        message: 'Events 5 to 6 are missing from the chain.',
      });

      const other = await createTestStore(databases, databaseId);
      await seed(other.store);
      await other.knex('audit_events').where('seq', '>=', 9).delete();
      expect((await other.store.verifyChain()).problem).toMatchObject({
        seq: 9,
        kind: 'removed',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects a DELETE hidden by renumbering the rest, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      await knex('audit_events').where({ seq: 5 }).delete();
      await knex('audit_events')
        .where('seq', '>', 5)
        .update({ seq: knex.raw('seq - 1') });
      await knex('audit_chain_head').update({ last_seq: 9 });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 5,
        kind: 'unlinked',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects an INSERT in the middle whose hash was forged correctly, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      // The forger knows the algorithm: the new row links to event 4 and carries a valid hash.
      const forged = makeRecord({
        actor: { type: 'user', id: 'user:default/mallory' },
      });
      const prevHash = (await rowAt(knex, 4)).hash;
      await shiftUp(knex, 5);
      await knex('audit_events').insert(
        recordToRow(forged, {
          seq: 5,
          prevHash,
          hash: computeEventHash(prevHash, forged),
        }),
      );
      await knex('audit_chain_head').update({ last_seq: 11 });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 5,
        kind: 'inserted',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects an INSERT in the middle with a made-up hash, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      await shiftUp(knex, 3);
      await knex('audit_events').insert(
        recordToRow(makeRecord(), {
          seq: 3,
          prevHash: 'f'.repeat(64),
          hash: 'e'.repeat(64),
        }),
      );
      await knex('audit_chain_head').update({ last_seq: 11 });
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 3,
        kind: 'inserted',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects an INSERT after the head, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      const forged = makeRecord();
      const prevHash = (await rowAt(knex, 10)).hash;
      await knex('audit_events').insert(
        recordToRow(forged, {
          seq: 11,
          prevHash,
          hash: computeEventHash(prevHash, forged),
        }),
      );
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 11,
        kind: 'inserted',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'detects a row rewritten together with its hash at the next link, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      await seed(store);
      const rewritten = makeRecord({ meta: { n: 7, approved: true } });
      const prevHash = (await rowAt(knex, 6)).hash;
      await knex('audit_events').where({ seq: 7 }).delete();
      await knex('audit_events').insert(
        recordToRow(rewritten, {
          seq: 7,
          prevHash,
          hash: computeEventHash(prevHash, rewritten),
        }),
      );
      expect((await store.verifyChain()).problem).toMatchObject({
        seq: 8,
        kind: 'unlinked',
      });
    },
  );
});
