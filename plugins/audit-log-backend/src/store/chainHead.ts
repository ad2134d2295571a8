import { Knex } from 'knex';

/**
 * Reads the chain head inside a transaction and holds it until the transaction ends, so that appends, purges and
 * sealing from several plugins and replicas change it one at a time: `SELECT … FOR UPDATE` on PostgreSQL; SQLite has
 * no row locks, but its transactions already serialise writers.
 */
export async function lockChainHead(
  tx: Knex.Transaction,
  columns: Array<string | Knex.Raw> = ['*'],
) {
  let query = tx('audit_chain_head')
    .where({ id: 1 })
    .first(...columns);
  if (!tx.client.config.client.includes('sqlite')) {
    query = query.forUpdate();
  }
  const head = await query;
  if (!head) {
    throw new Error('The audit chain head is missing; run the migrations');
  }
  return head;
}
