// @ts-check

/**
 * Insights count the runs of a period by week, action and outcome: an index on when runs were asked for lets them
 * read only the period, not the whole table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table.index(['created_at', 'action'], 'slipway_runs_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table.dropIndex(['created_at', 'action'], 'slipway_runs_created_idx');
  });
};
