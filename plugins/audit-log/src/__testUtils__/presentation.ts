import {
  EntityPresentationApi,
  EntityRefPresentationSnapshot,
} from '@backstage/plugin-catalog-react';

/** The catalog's presentation of entities, with these display names (the ref for the rest). */
export function mockEntityPresentationApi(
  names: Record<string, string>,
): EntityPresentationApi {
  return {
    forEntity(entityOrRef) {
      const entityRef =
        typeof entityOrRef === 'string'
          ? entityOrRef
          : `${entityOrRef.kind}:${entityOrRef.metadata.namespace}/${entityOrRef.metadata.name}`.toLocaleLowerCase();
      const snapshot: EntityRefPresentationSnapshot = {
        entityRef,
        primaryTitle: names[entityRef] ?? entityRef,
        secondaryTitle: entityRef,
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}
