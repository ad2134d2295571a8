// @ts-check

/**
 * Database copies made by the db-copy action, live and gone, with their time to live.
 *
 * A row is written before the copy's database exists (status `creating`), so that whatever happens next — failure,
 * cancel, a backend killed mid-copy — the database and role it names can be found and dropped. `password` holds the
 * copy's generated password encrypted (AES-256-GCM); it is only ever decrypted for the requester.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_database_copies', table => {
    table.comment('Copies of production databases, with their time to live');
    table.string('id', 36).primary().comment('The db-copy run that made it');
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 63).notNullable().comment('Where the copy is');
    table
      .string('source_environment', 63)
      .notNullable()
      .comment('Where it was copied from');
    table.string('component', 63).notNullable();
    table.string('source_database', 63).notNullable();
    table.string('database_name', 63).notNullable();
    table.string('role_name', 63).notNullable();
    table.string('requester', 255).notNullable().comment('User entity ref');
    table
      .string('status', 16)
      .notNullable()
      .comment('creating, ready, dropping, dropped or failed');
    table.boolean('masked').notNullable();
    table.text('password').nullable().comment('Encrypted; never logged');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('ready_at', { useTz: true }).nullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table
      .timestamp('max_expires_at', { useTz: true })
      .notNullable()
      .comment('No extension goes past this');
    table.timestamp('dropped_at', { useTz: true }).nullable();
    table.string('drop_reason', 500).nullable();
    table.text('last_error').nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'status'], 'slipway_database_copies_entity_idx');
    table.index(['status', 'expires_at'], 'slipway_database_copies_status_idx');
    table.unique(['environment', 'database_name'], {
      indexName: 'slipway_database_copies_name_idx',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slipway_database_copies');
};
