import { AuthService } from '@backstage/backend-plugin-api';
import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { PermissionCriteria } from '@backstage/plugin-permission-common';

type NonEmpty<T> = [T, ...T[]];
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuditEventAccessCondition,
  ResolvedAccessCondition,
} from '../store/queryTypes';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * How long a reader's owned entities are reused. Paging through the log asks again at every page; ownership in the
 * catalog changes at the pace of its processing loop anyway, and each lookup is itself an audited catalog read.
 */
const OWNED_ENTITIES_TTL_MS = 30_000;

/**
 * Answers ownership questions from the catalog, with the plugin's own service credentials: a reader's right to see
 * events about an entity does not depend on their right to read the entity itself.
 */
export class EntityOwnership {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #owned = new Map<string, { refs: Promise<string[]>; at: number }>();

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  /** Full, lower-case refs of the entities owned by any of the claims. */
  async entitiesOwnedBy(claims: string[]): Promise<string[]> {
    if (claims.length === 0) {
      return [];
    }
    const key = [...claims].sort().join('\n');
    const now = Date.now();
    for (const [cachedKey, entry] of this.#owned) {
      if (now - entry.at > OWNED_ENTITIES_TTL_MS) this.#owned.delete(cachedKey);
    }
    const cached = this.#owned.get(key);
    if (cached) {
      return cached.refs;
    }
    const refs = this.#lookUpOwned(claims);
    this.#owned.set(key, { refs, at: now });
    // A failed lookup is not remembered.
    refs.catch(() => this.#owned.delete(key));
    return refs;
  }

  async #lookUpOwned(claims: string[]): Promise<string[]> {
    const refs: string[] = [];
    const pages = this.#catalog.streamEntities(
      {
        filter: { [`relations.${RELATION_OWNED_BY}`]: claims },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );
    for await (const page of pages) {
      refs.push(...page.map(entity => lower(stringifyEntityRef(entity))));
    }
    return refs;
  }

  /** The owners of each of the given entities, by lower-case entity ref. */
  async ownersOf(entityRefs: string[]): Promise<Map<string, string[]>> {
    const owners = new Map<string, string[]>();
    if (entityRefs.length === 0) {
      return owners;
    }
    const { items } = await this.#catalog.getEntitiesByRefs(
      {
        entityRefs,
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, index) => {
      owners.set(
        lower(entityRefs[index]),
        (entity?.relations ?? [])
          .filter(relation => relation.type === RELATION_OWNED_BY)
          .map(relation => lower(relation.targetRef)),
      );
    });
    return owners;
  }

  /** Replaces ownership conditions by the entities the claims own, which the store can query. */
  async resolve(
    criteria: PermissionCriteria<AuditEventAccessCondition>,
  ): Promise<PermissionCriteria<ResolvedAccessCondition>> {
    if ('allOf' in criteria) {
      return {
        allOf: (await Promise.all(
          criteria.allOf.map(c => this.resolve(c)),
        )) as NonEmpty<PermissionCriteria<ResolvedAccessCondition>>,
      };
    }
    if ('anyOf' in criteria) {
      return {
        anyOf: (await Promise.all(
          criteria.anyOf.map(c => this.resolve(c)),
        )) as NonEmpty<PermissionCriteria<ResolvedAccessCondition>>,
      };
    }
    if ('not' in criteria) {
      return { not: await this.resolve(criteria.not) };
    }
    if (criteria.kind === 'aboutEntitiesOwnedBy') {
      return {
        kind: 'aboutEntities',
        entityRefs: await this.entitiesOwnedBy(criteria.claims),
      };
    }
    return criteria;
  }
}
