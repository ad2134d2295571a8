// @ts-check

/**
 * Feedback on a run by the person who asked for it, once it ended: helpful or not, and an optional comment. One per
 * run (a second rating replaces the first); Insights counts them by action.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table
      .boolean('feedback_helpful')
      .nullable()
      .comment("The requester's rating: was the run helpful?");
    table.text('feedback_comment').nullable();
    table.timestamp('feedback_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table.dropColumn('feedback_helpful');
    table.dropColumn('feedback_comment');
    table.dropColumn('feedback_at');
  });
};
