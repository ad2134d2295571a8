// @ts-check

/**
 * Platform news: what the platform team publishes on Platform → News, listed on the home page, newest first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_news', table => {
    table.uuid('id').primary();
    table.string('title', 255).notNullable();
    table.text('body').notNullable().comment('Markdown, rendered without HTML');
    table.text('link').nullable();
    table.string('author', 255).notNullable().comment('A user entity ref');
    table.timestamp('published_at', { useTz: true }).notNullable();
    table.index(['published_at'], 'slipway_news_published_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slipway_news');
};
