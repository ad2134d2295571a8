// @ts-check

/*
 * The audit log: one row per audit event, chained by hash, plus the entity refs each event is about and the chain's
 * head (the last sequence and hash, and the checkpoint left by retention).
 *
 * Every filter of the API is paired with `seq` in its index, because lists are read newest first by keyset
 * (`WHERE <filter> AND seq < :cursor ORDER BY seq DESC LIMIT n`): the index answers any page in O(page size).
 */

const GENESIS_HASH = '0'.repeat(64);

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('audit_events', table => {
    table.comment('Audit events of every plugin, in a hash chain');
    table
      .bigInteger('seq')
      .notNullable()
      .comment('Position in the chain, gap-free, assigned under the head lock');
    table
      .timestamp('occurred_at', { useTz: true })
      .notNullable()
      .comment('When the plugin reported the event');
    table.string('plugin_id', 255).notNullable();
    table.string('event_id', 255).notNullable();
    table.string('severity', 16).notNullable();
    table.string('status', 16).notNullable();
    table
      .string('operation_id', 64)
      .notNullable()
      .comment(
        'Shared by the initiated record of an operation and its outcome',
      );
    table.string('actor_type', 16).notNullable();
    table.string('actor_id', 512).nullable();
    table.string('actor_ip', 128).nullable();
    table.string('actor_hostname', 255).nullable();
    table.text('actor_user_agent').nullable();
    table.string('request_method', 16).nullable();
    table.text('request_url').nullable();
    table.string('environment', 255).nullable();
    table
      .text('entity_refs')
      .notNullable()
      .comment('JSON array of the entity refs, as hashed');
    table.string('error_name', 255).nullable();
    table.text('error_message').nullable();
    table.text('meta').nullable().comment('JSON details, secrets redacted');
    table
      .text('search_text')
      .notNullable()
      .comment('Lower-case text for free-text search; derived, not hashed');
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();

    table.primary(['seq'], 'audit_events_pkey');
    table.index(['occurred_at'], 'audit_events_occurred_at_idx');
    table.index(['plugin_id', 'seq'], 'audit_events_plugin_seq_idx');
    table.index(['event_id', 'seq'], 'audit_events_event_seq_idx');
    table.index(['actor_id', 'seq'], 'audit_events_actor_seq_idx');
    table.index(['environment', 'seq'], 'audit_events_environment_seq_idx');
    table.index(['status', 'seq'], 'audit_events_status_seq_idx');
    table.index(['severity', 'seq'], 'audit_events_severity_seq_idx');
    table.index(['operation_id'], 'audit_events_operation_idx');
  });

  await knex.schema.createTable('audit_event_entities', table => {
    table.comment('Which entities each audit event is about');
    table.string('entity_ref', 512).notNullable();
    table.bigInteger('seq').notNullable();
    table.primary(['entity_ref', 'seq'], 'audit_event_entities_pkey');
    table.index(['seq'], 'audit_event_entities_seq_idx');
  });

  await knex.schema.createTable('audit_chain_head', table => {
    table.comment(
      'Single row: the end of the chain (appends lock it) and the retention checkpoint',
    );
    table.integer('id').notNullable();
    table.primary(['id'], 'audit_chain_head_pkey');
    table.bigInteger('last_seq').notNullable();
    table.string('last_hash', 64).notNullable();
    table
      .bigInteger('checkpoint_seq')
      .notNullable()
      .comment('Last sequence removed by retention; 0 when none');
    table.string('checkpoint_hash', 64).notNullable();
    table.timestamp('checkpoint_at', { useTz: true }).nullable();
  });
  await knex('audit_chain_head').insert({
    id: 1,
    last_seq: 0,
    last_hash: GENESIS_HASH,
    checkpoint_seq: 0,
    checkpoint_hash: GENESIS_HASH,
    checkpoint_at: null,
  });

  await knex.schema.createTable('audit_chain_verification', table => {
    table.comment('Single row: the result of the last chain verification');
    table.integer('id').notNullable();
    table.primary(['id'], 'audit_chain_verification_pkey');
    table.text('result').notNullable().comment('JSON AuditChainVerification');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_chain_verification');
  await knex.schema.dropTable('audit_chain_head');
  await knex.schema.dropTable('audit_event_entities');
  await knex.schema.dropTable('audit_events');
};
