// @ts-check

/**
 * The last read of each GitOps repository and the problems it found, for the portal's "Manifest problems" page.
 * These tables live in the catalog's database next to the catalog's own tables, under their own names.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_manifest_reads', table => {
    table.comment('The last read of each Slipway GitOps repository');
    table.string('provider', 255).primary().comment('Entity provider name');
    table.text('source').notNullable().comment('Repository URL and branch');
    table.string('revision', 255).nullable().comment('Commit read');
    table.timestamp('read_at', { useTz: true }).notNullable();
    table.integer('applications').notNullable().defaultTo(0);
    table.integer('systems').notNullable().defaultTo(0);
    table
      .text('error')
      .nullable()
      .comment('Why the repository could not be read at all');
  });
  await knex.schema.createTable('slipway_manifest_problems', table => {
    table.comment('Problems found in manifests by the last read');
    table.bigIncrements('id');
    table.string('provider', 255).notNullable();
    table.text('path').notNullable();
    table.integer('line').nullable();
    table.integer('column').nullable();
    table.text('field').nullable();
    table.string('severity', 16).notNullable();
    table.text('message').notNullable();
    table.index(['provider'], 'slipway_manifest_problems_provider_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slipway_manifest_problems');
  await knex.schema.dropTable('slipway_manifest_reads');
};
