import { createApiRef } from '@backstage/core-plugin-api';
import type {
  DatabaseCopyConnection,
  DatabaseCopyView,
} from '@slipway/backstage-plugin-slipway-common';
import { BackendDeps, entityPath, requestJson } from './requestJson';
import type { EntityName } from './SlipwayApi';

/** A copy of a production database, as the viewer may see it. @public */
export type DatabaseCopy = DatabaseCopyView;

/** The database copies API of the Slipway backend (docs/database-copies.md). @public */
export interface DatabaseCopyApi {
  listDatabaseCopies(application: EntityName): Promise<DatabaseCopy[]>;
  getDatabaseCopyConnection(id: string): Promise<DatabaseCopyConnection>;
  extendDatabaseCopy(id: string, ttlHours: number): Promise<DatabaseCopy>;
  destroyDatabaseCopy(id: string): Promise<DatabaseCopy>;
}

/** @public */
export const databaseCopyApiRef = createApiRef<DatabaseCopyApi>({
  id: 'plugin.slipway.database-copies',
});

/** Talks to the database copies routes of the Slipway backend. @public */
export class DatabaseCopyClient implements DatabaseCopyApi {
  constructor(private readonly deps: BackendDeps) {}

  async listDatabaseCopies(application: EntityName): Promise<DatabaseCopy[]> {
    const { items } = await this.call<{ items: DatabaseCopy[] }>(
      'GET',
      `/applications/${entityPath(application)}/database-copies`,
    );
    return items;
  }

  getDatabaseCopyConnection(id: string): Promise<DatabaseCopyConnection> {
    return this.call(
      'GET',
      `/database-copies/${encodeURIComponent(id)}/connection`,
    );
  }

  extendDatabaseCopy(id: string, ttlHours: number): Promise<DatabaseCopy> {
    return this.call(
      'POST',
      `/database-copies/${encodeURIComponent(id)}/extend`,
      {
        ttlHours,
      },
    );
  }

  destroyDatabaseCopy(id: string): Promise<DatabaseCopy> {
    return this.call('DELETE', `/database-copies/${encodeURIComponent(id)}`);
  }

  private call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    route: string,
    body?: object,
  ): Promise<T> {
    return requestJson<T>(this.deps, route, { method, body });
  }
}
