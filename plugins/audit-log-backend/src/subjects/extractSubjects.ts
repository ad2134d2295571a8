import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';

/** Beyond this many, an event's entity refs are not indexed (bulk reads of the catalog name hundreds). */
export const MAX_ENTITY_REFS = 100;

/**
 * Keys of `meta` that name one entity, and the kind to assume when the ref has none. `null`: the ref must carry
 * its kind, because the key is used for other things too.
 *
 * - `entityRef`: Slipway's convention, and the catalog's refresh, by-name and ancestry events.
 * - `rootEntityRef`: the catalog's ancestry events.
 * - `templateRef`: the scaffolder's task events (refs like `template:default/x`, or just `x`).
 * - `locationRef`: the catalog's location-by-entity events, which put an entity ref there.
 */
const SINGLE_REF_KEYS: Record<string, string | null> = {
  entityRef: null,
  rootEntityRef: null,
  templateRef: 'template',
  locationRef: null,
};

const validator = makeValidator();

/** Keys of `meta` holding lists of entity refs: Slipway's `entityRefs`, the catalog's by-refs and by-uid events. */
const REF_LIST_KEYS = ['entityRefs', 'entities'];

function normalizeRef(value: unknown, defaultKind: string | null) {
  if (typeof value !== 'string' || value.length === 0) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(value, {
      defaultKind: defaultKind ?? undefined,
      defaultNamespace: 'default',
    });
    // `url:https://host/x` parses too, as kind `url`; only valid entity names are entity refs.
    if (
      !validator.isValidKind(ref.kind) ||
      !validator.isValidNamespace(ref.namespace) ||
      !validator.isValidEntityName(ref.name)
    ) {
      return undefined;
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    // Not an entity ref (no kind, or a location like `url:https://…`): not indexed.
    return undefined;
  }
}

/**
 * Finds which entities and which environment an event is about, from the conventions of Slipway's events
 * (`meta.entityRef`, `meta.entityRefs`, `meta.environment`) and of the catalog's and the scaffolder's.
 */
export function extractSubjects(meta: JsonObject | undefined): {
  entityRefs: string[];
  environment?: string;
} {
  if (!meta) {
    return { entityRefs: [] };
  }
  const refs = new Set<string>();
  for (const [key, defaultKind] of Object.entries(SINGLE_REF_KEYS)) {
    const ref = normalizeRef(meta[key], defaultKind);
    if (ref) refs.add(ref);
  }
  for (const key of REF_LIST_KEYS) {
    const list = meta[key];
    if (Array.isArray(list)) {
      for (const item of list) {
        const ref = normalizeRef(item, null);
        if (ref) refs.add(ref);
      }
    }
  }
  const environment =
    typeof meta.environment === 'string' && meta.environment.trim()
      ? meta.environment.trim()
      : undefined;
  return {
    entityRefs: [...refs].slice(0, MAX_ENTITY_REFS).sort(),
    ...(environment && { environment }),
  };
}
