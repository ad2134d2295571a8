// @ts-check

/**
 * Insights' index of the GitOps repository's history, taken in commit by commit (only the new ones on each update):
 * each manifest file's spans of state (which application it declared, of which type and team, and whether it had
 * problems) and each change of an environment's version (a deployment).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_gitops_history', table => {
    table.string('repository', 1000).primary().comment('url@branch indexed');
    table
      .string('revision', 64)
      .notNullable()
      .comment('The last commit taken in');
    table.integer('commits').notNullable().comment('Commits taken in so far');
    table.timestamp('indexed_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('slipway_manifest_spans', table => {
    table.bigIncrements('id');
    table.string('path', 1000).notNullable();
    table
      .string('application', 255)
      .nullable()
      .comment(
        'The application declared; null for a system, or a broken file whose name cannot be read',
      );
    table.string('type', 64).nullable();
    table.string('owner', 255).nullable().comment('A group entity ref');
    table.boolean('problem').notNullable().comment('The file had errors');
    table
      .text('versions')
      .notNullable()
      .comment('JSON: environment → version, as the last commit left them');
    table.timestamp('from_at', { useTz: true }).notNullable();
    table
      .timestamp('to_at', { useTz: true })
      .nullable()
      .comment('Null: the state still holds');
    table.index(['path', 'to_at'], 'slipway_manifest_spans_path_idx');
    table.index(
      ['application', 'from_at'],
      'slipway_manifest_spans_application_idx',
    );
    table.index(['from_at'], 'slipway_manifest_spans_from_idx');
  });
  await knex.schema.createTable('slipway_deployments', table => {
    table.bigIncrements('id');
    table.string('application', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('version', 255).notNullable();
    table.string('revision', 64).notNullable();
    table.string('author', 255).notNullable();
    table.timestamp('deployed_at', { useTz: true }).notNullable();
    table.index(['deployed_at', 'environment'], 'slipway_deployments_at_idx');
    table.index(
      ['application', 'environment', 'version'],
      'slipway_deployments_version_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slipway_deployments');
  await knex.schema.dropTable('slipway_manifest_spans');
  await knex.schema.dropTable('slipway_gitops_history');
};
