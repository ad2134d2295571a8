// @ts-check

/**
 * Runs of self-service actions, their logs and their checkpoints.
 *
 * Two unique indexes do the engine's bookkeeping in the database itself, so that several backend instances on one
 * PostgreSQL agree without talking to each other:
 * - (requester, idempotency_key): the same request twice is one run;
 * - lock_key, set to `<entity ref>|<environment>` while a mutating run is active and NULL once it is finished:
 *   at most one mutating run per application and environment (NULLs never collide).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_runs', table => {
    table.comment('One run of an action on one application in one environment');
    table.string('id', 36).primary();
    table.string('action', 63).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 63).notNullable();
    table.text('parameters').notNullable().comment('JSON');
    table.string('requester', 255).notNullable().comment('User entity ref');
    table.string('idempotency_key', 128).notNullable();
    table.boolean('mutating').notNullable();
    table.string('status', 32).notNullable();
    table
      .string('lock_key', 330)
      .nullable()
      .unique({ indexName: 'slipway_runs_lock_key_idx' });
    table.text('result').nullable().comment('JSON: summary, links, output');
    table.text('error').nullable();
    table
      .string('worker', 128)
      .nullable()
      .comment('Instance executing the run');
    table.integer('attempts').notNullable().defaultTo(0);
    table.boolean('cancel_requested').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('heartbeat_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.unique(['requester', 'idempotency_key'], {
      indexName: 'slipway_runs_idempotency_idx',
    });
    table.index(['entity_ref', 'created_at'], 'slipway_runs_entity_idx');
    table.index(['requester', 'created_at'], 'slipway_runs_requester_idx');
    table.index(['status', 'heartbeat_at'], 'slipway_runs_status_idx');
  });
  await knex.schema.createTable('slipway_run_logs', table => {
    table.comment('Lines of the log of a run');
    table.bigIncrements('id');
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('slipway_runs')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('level', 8).notNullable();
    table.text('message').notNullable();
    table.index(['run_id', 'id'], 'slipway_run_logs_run_idx');
  });
  await knex.schema.createTable('slipway_run_checkpoints', table => {
    table.comment(
      'Results of finished steps, so that a resumed run does not repeat them',
    );
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('slipway_runs')
      .onDelete('CASCADE');
    table.string('key', 128).notNullable();
    table.text('value').notNullable().comment('JSON');
    table.timestamp('at', { useTz: true }).notNullable();
    table.primary(['run_id', 'key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slipway_run_checkpoints');
  await knex.schema.dropTable('slipway_run_logs');
  await knex.schema.dropTable('slipway_runs');
};
