// @ts-check

/**
 * Notes to the platform team, sent by anyone from the home page; the platform team reads them on Platform → Feedback
 * beside the runs' ratings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_platform_notes', table => {
    table.uuid('id').primary();
    table.string('author', 255).notNullable().comment('A user entity ref');
    table.text('text').notNullable().comment('Secrets redacted');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['created_at'], 'slipway_platform_notes_created_at_idx');
  });
  // Ratings by action (Platform → Feedback) read only the rated runs.
  await knex.schema.alterTable('slipway_runs', table => {
    table.index(['feedback_at', 'action'], 'slipway_runs_feedback_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table.dropIndex(['feedback_at', 'action'], 'slipway_runs_feedback_idx');
  });
  await knex.schema.dropTable('slipway_platform_notes');
};
