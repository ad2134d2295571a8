// @ts-check

/**
 * Who acted in the portal each week (Monday, UTC): one row per week and person, written with each append, so that
 * Insights counts active people per week without reading every event. The weeks of the events already kept are
 * filled in from them, by sequence, a page at a time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('audit_active_people', table => {
    table.comment('People who acted in the portal, per week');
    table.string('week', 10).notNullable().comment('The Monday, YYYY-MM-DD');
    table.string('actor_id', 512).notNullable().comment('A user entity ref');
    table.primary(['week', 'actor_id'], 'audit_active_people_pkey');
  });
  await exports.backfill(knex);
};

/**
 * Fills `audit_active_people` from the events kept.
 *
 * @param {import('knex').Knex} knex
 */
exports.backfill = async function backfill(knex) {
  let after = 0;
  for (;;) {
    const rows = await knex('audit_events')
      .select('seq', 'actor_id', 'occurred_at')
      .where('seq', '>', after)
      .where('actor_type', 'user')
      .whereNotNull('actor_id')
      .orderBy('seq')
      .limit(5000);
    if (!rows.length) return;
    after = Number(rows[rows.length - 1].seq);
    const pairs = new Map();
    for (const row of rows) {
      // SQLite keeps the time as epoch milliseconds (a number, or its text); PostgreSQL as a timestamp.
      const raw = row.occurred_at;
      const at = new Date(
        typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw,
      );
      const monday = new Date(
        Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()),
      );
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const week = monday.toISOString().slice(0, 10);
      pairs.set(`${week}\0${row.actor_id}`, { week, actor_id: row.actor_id });
    }
    const list = [...pairs.values()];
    for (let i = 0; i < list.length; i += 500)
      await knex('audit_active_people')
        .insert(list.slice(i, i + 500))
        .onConflict(['week', 'actor_id'])
        .ignore();
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_active_people');
};
