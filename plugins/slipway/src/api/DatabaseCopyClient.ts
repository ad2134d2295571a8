import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { EntityName } from './SlipwayApi';

/** A copy of a production database (GET …/database-copies): nothing to connect with. @public */
export interface DatabaseCopy {
  id: string;
  runId: string;
  entityRef: string;
  environment: string;
  sourceEnvironment: string;
  component: string;
  sourceDatabase: string;
  database: string;
  requester: string;
  status: 'creating' | 'ready' | 'dropping' | 'dropped' | 'failed';
  masked: boolean;
  createdAt: string;
  readyAt?: string;
  expiresAt: string;
  maxExpiresAt: string;
  droppedAt?: string;
  dropReason?: string;
  /** The viewer requested it (and may see its connection details). */
  mine: boolean;
  /** The viewer may extend or destroy it. */
  canManage: boolean;
}

/** How to connect to a copy; only its requester ever gets this. @public */
export interface DatabaseCopyConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  sslmode: string;
  url: string;
  expiresAt: string;
}

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
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listDatabaseCopies({
    namespace,
    name,
  }: EntityName): Promise<DatabaseCopy[]> {
    const { items } = await this.call<{ items: DatabaseCopy[] }>(
      'GET',
      `/applications/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/database-copies`,
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

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    route: string,
    body?: object,
  ): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('slipway');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${route}`, {
      method,
      ...(body
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }
        : {}),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
