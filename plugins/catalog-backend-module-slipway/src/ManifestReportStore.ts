import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ManifestReport } from '@slipway/backstage-plugin-slipway-common';
import { Knex } from 'knex';

/*
 * The catalog's database already has a knex migrations table for the catalog's own migrations; ours keep a separate
 * one so that the two histories never mix.
 */
const MIGRATIONS = {
  directory: resolvePackagePath(
    '@slipway/backstage-plugin-catalog-backend-module-slipway',
    'migrations',
  ),
  tableName: 'slipway_catalog_knex_migrations',
};

/** Keeps the report of the last read in the database, so every backend instance serves the same one. */
export class ManifestReportStore {
  static async create(database: DatabaseService): Promise<ManifestReportStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) await knex.migrate.latest(MIGRATIONS);
    return new ManifestReportStore(knex);
  }

  /** For tests of the migrations. */
  static readonly migrations = MIGRATIONS;

  private constructor(private readonly knex: Knex) {}

  async save(report: ManifestReport): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx('slipway_manifest_reads')
        .insert({
          provider: report.provider,
          source: report.source,
          revision: report.revision ?? null,
          read_at: new Date(report.readAt),
          applications: report.applications,
          systems: report.systems,
          error: report.error ?? null,
        })
        .onConflict('provider')
        .merge();
      // A failed read keeps the previous problems: they still describe what the catalog shows.
      if (report.error) return;
      await tx('slipway_manifest_problems')
        .where({ provider: report.provider })
        .delete();
      const rows = report.problems.map(p => ({
        provider: report.provider,
        path: p.path,
        line: p.line ?? null,
        column: p.column ?? null,
        field: p.field ?? null,
        severity: p.severity,
        message: p.message,
      }));
      for (let i = 0; i < rows.length; i += 500) {
        await tx('slipway_manifest_problems').insert(rows.slice(i, i + 500));
      }
    });
  }

  async list(): Promise<ManifestReport[]> {
    const reads = await this.knex('slipway_manifest_reads').orderBy('provider');
    const problems = await this.knex('slipway_manifest_problems').orderBy([
      'provider',
      'path',
      'line',
      'id',
    ]);
    return reads.map(read => ({
      provider: read.provider,
      source: read.source,
      revision: read.revision ?? undefined,
      readAt: new Date(read.read_at).toISOString(),
      applications: read.applications,
      systems: read.systems,
      error: read.error ?? undefined,
      problems: problems
        .filter(p => p.provider === read.provider)
        .map(p => ({
          path: p.path,
          ...(p.line !== null ? { line: p.line } : {}),
          ...(p.column !== null ? { column: p.column } : {}),
          ...(p.field !== null ? { field: p.field } : {}),
          severity: p.severity,
          message: p.message,
        })),
    }));
  }
}
