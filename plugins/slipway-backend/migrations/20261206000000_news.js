// @ts-check

/**
 * Platform news: what the platform team publishes on Platform → News, listed on the home page, newest first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slipway_news', table => {
    table.uuid('id').primary();
    // text: redacting a pasted secret makes a title longer than the 150 characters the API accepts.
    table.text('title').notNullable();
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
