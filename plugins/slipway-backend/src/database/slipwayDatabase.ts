import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The migrations of every Slipway table (runs, their logs and checkpoints, approvals' columns, database copies). */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@slipway/backstage-plugin-slipway-backend',
  'migrations',
);

/**
 * The plugin's database, migrated: called once when the plugin starts, before any store is made of the client, so
 * the migrations run once per start (and not at all where the database service says to skip them).
 */
export async function slipwayDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip)
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  return knex;
}
