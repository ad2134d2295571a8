import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';

/**
 * Looks up applications in the catalog on behalf of the caller, so that what the catalog hides from someone, Slipway
 * hides too (a 404, as the catalog itself would answer).
 */
export class ApplicationCatalog {
  private readonly recent = new Map<
    string,
    { entity: Promise<Entity | undefined>; until: number }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth?: AuthService,
    /** How long `getApplicationForAction` reuses an answer. */
    private readonly cacheMs = 5000,
  ) {}

  /**
   * The application as Slipway itself sees it, reused for a few seconds: for deciding about an action, where the
   * permission to act — checked separately — is what counts. A burst of requests then costs the catalog one lookup.
   */
  async getApplicationForAction(ref: {
    namespace: string;
    name: string;
  }): Promise<Entity> {
    const entityRef = stringifyEntityRef({ kind: 'component', ...ref });
    const now = Date.now();
    let cached = this.recent.get(entityRef);
    if (!cached || cached.until < now) {
      if (this.recent.size > 1000)
        for (const [key, entry] of this.recent)
          if (entry.until < now) this.recent.delete(key);
      const credentials = await this.auth!.getOwnServiceCredentials();
      cached = {
        entity: this.catalog.getEntityByRef(entityRef, { credentials }),
        until: now + this.cacheMs,
      };
      this.recent.set(entityRef, cached);
      cached.entity.catch(() => this.recent.delete(entityRef));
    }
    const entity = await cached.entity;
    if (!entity)
      throw new NotFoundError(`No application ${entityRef} in the catalog`);
    if (!isSlipwayApplication(entity))
      throw new NotFoundError(
        `${entityRef} is not an application with a Slipway manifest`,
      );
    return entity;
  }

  async getApplication(
    ref: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entityRef = stringifyEntityRef({ kind: 'component', ...ref });
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(`No application ${entityRef} in the catalog`);
    if (!isSlipwayApplication(entity)) {
      throw new NotFoundError(
        `${entityRef} is not an application with a Slipway manifest`,
      );
    }
    return entity;
  }

  /** Which of these entities the caller may see, in one catalog call. */
  async visible(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const unique = [...new Set(entityRefs)];
    if (!unique.length) return new Set();
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    return new Set(unique.filter((_, i) => items[i]));
  }

  async getSystemApplications(
    ref: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<{ systemRef: string; applications: Entity[] }> {
    const systemRef = stringifyEntityRef({ kind: 'system', ...ref });
    const system = await this.catalog.getEntityByRef(systemRef, {
      credentials,
    });
    if (!system)
      throw new NotFoundError(`No system ${systemRef} in the catalog`);
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'component', 'relations.partOf': systemRef },
        order: { field: 'metadata.name', order: 'asc' },
      },
      { credentials },
    );
    return { systemRef, applications: items.filter(isSlipwayApplication) };
  }
}
