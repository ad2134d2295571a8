import { RecentAnswers } from '../RecentAnswers';
import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';
import {
  IndexedApplication,
  SlipwayGitOpsService,
} from '@slipway/backstage-plugin-slipway-node';
import { originProblem } from './verifyOrigin';

/** An application Slipway may act on: its catalog entity, and what its manifest declares. */
export interface VerifiedApplication {
  entity: Entity;
  application: IndexedApplication;
}

/**
 * Looks up applications in the catalog on behalf of the caller, so that what the catalog hides from someone, Slipway
 * hides too (a 404, as the catalog itself would answer). What Slipway acts on is checked against the GitOps
 * repository's own index (verifyOrigin.ts): the entity must be the one made of a manifest there, and what an action
 * needs of the application (manifest path, databases, names for templates) comes from that manifest.
 */
export class ApplicationCatalog {
  constructor(
    private readonly catalog: CatalogService,
    private readonly gitops: SlipwayGitOpsService,
    private readonly auth?: AuthService,
    /** How long `getApplicationForAction` reuses an answer as it is (and at most 30 s while asking again). */
    cacheMs = 5000,
  ) {
    this.recent = new RecentAnswers({
      freshMs: cacheMs,
      staleMs: Math.max(cacheMs, 30_000),
    });
  }

  private readonly recent: RecentAnswers<Entity | undefined>;

  /** Why Slipway will not act on this entity, or the manifest it declares. */
  async check(
    entity: Entity,
  ): Promise<{ application: IndexedApplication } | { problem: string }> {
    const check = (application?: IndexedApplication) =>
      originProblem(entity, application, this.gitops.repository.description);
    let application = await this.gitops.index.application(entity.metadata.name);
    // The catalog may have read a newer revision than the index holds (another replica's catalog): look once more.
    if (check(application))
      application = await this.gitops.index.application(entity.metadata.name, {
        again: true,
      });
    const problem = check(application);
    return problem ? { problem } : { application: application! };
  }

  /** The manifest of an entity Slipway is to act on; NotAllowedError with the reason when it may not. */
  async verify(entity: Entity): Promise<VerifiedApplication> {
    const result = await this.check(entity);
    if ('problem' in result) throw new NotAllowedError(result.problem);
    return { entity, application: result.application };
  }

  /**
   * The application as Slipway itself sees it, reused for a few seconds: for deciding about an action, where the
   * permission to act — checked separately — is what counts. A burst of requests then costs the catalog one lookup.
   */
  async getApplicationForAction(ref: {
    namespace: string;
    name: string;
  }): Promise<Entity> {
    const entityRef = stringifyEntityRef({ kind: 'component', ...ref });
    const entity = await this.recent.get(entityRef, async () =>
      this.catalog.getEntityByRef(entityRef, {
        credentials: await this.auth!.getOwnServiceCredentials(),
      }),
    );
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

  /**
   * The Slipway applications owned by any of these entities (a person and their teams), by name: the first `limit`,
   * and how many there are. The catalog filters on the owner relation, so this reads only the caller's applications.
   */
  async getOwnedApplications(
    ownershipEntityRefs: string[],
    credentials: BackstageCredentials,
    limit: number,
  ): Promise<{ applications: Entity[]; total: number }> {
    if (!ownershipEntityRefs.length) return { applications: [], total: 0 };
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'component',
          'relations.ownedBy': ownershipEntityRefs,
        },
        order: { field: 'metadata.name', order: 'asc' },
      },
      { credentials },
    );
    const owned = items.filter(isSlipwayApplication);
    return { applications: owned.slice(0, limit), total: owned.length };
  }
}
