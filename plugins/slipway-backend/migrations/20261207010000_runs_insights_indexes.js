// @ts-check

/**
 * Insights over a year of runs (bench/insights, 100,000 runs) read every run of the period: the index of when runs
 * were asked for now also holds their outcome and application, so that counting them by week, action and outcome, or
 * by application and action, reads the index alone; approval waits read the runs decided in the period through an
 * index of when they were decided.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table.dropIndex(['created_at', 'action'], 'slipway_runs_created_idx');
    table.index(
      ['created_at', 'action', 'status', 'entity_ref'],
      'slipway_runs_insights_idx',
    );
    table.index(['decided_at', 'created_at'], 'slipway_runs_decided_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table.dropIndex(['decided_at', 'created_at'], 'slipway_runs_decided_idx');
    table.dropIndex(
      ['created_at', 'action', 'status', 'entity_ref'],
      'slipway_runs_insights_idx',
    );
    table.index(['created_at', 'action'], 'slipway_runs_created_idx');
  });
};
