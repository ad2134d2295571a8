// @ts-check

/*
 * Seals of the chain head and of the stored verification result: keyed HMACs (auditLog.integrity.key) that someone
 * who can write the database cannot recompute. Null where no key is configured. See src/chain/headSeal.ts.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_chain_head', table => {
    table
      .string('seal', 64)
      .nullable()
      .comment('HMAC of last_seq, last_hash, checkpoint_seq, checkpoint_hash');
  });
  await knex.schema.alterTable('audit_chain_verification', table => {
    table.string('seal', 64).nullable().comment('HMAC of result');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_chain_verification', table => {
    table.dropColumn('seal');
  });
  await knex.schema.alterTable('audit_chain_head', table => {
    table.dropColumn('seal');
  });
};
