// @ts-check

/**
 * Approvals of runs by a second person: until when a run may wait, and who decided, how, when and why.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table
      .timestamp('approval_expires_at', { useTz: true })
      .nullable()
      .comment('A waiting run expires at this time');
    table
      .string('decided_by', 255)
      .nullable()
      .comment('User entity ref of the approver or rejecter');
    table.string('decision', 16).nullable().comment('approved or rejected');
    table.text('decision_comment').nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slipway_runs', table => {
    table.dropColumn('approval_expires_at');
    table.dropColumn('decided_by');
    table.dropColumn('decision');
    table.dropColumn('decision_comment');
    table.dropColumn('decided_at');
  });
};
