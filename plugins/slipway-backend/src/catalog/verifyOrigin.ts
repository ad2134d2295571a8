import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  IndexedApplication,
  manifestRef,
} from '@slipway/backstage-plugin-slipway-node';

/**
 * Why Slipway will not act on an entity, if it will not. Anyone who may register a catalog location can make a
 * Component that carries `spec.slipway`; what Slipway acts on must instead be the entity its catalog module made of a
 * manifest of the GitOps repository: declared there under this name, made from that file (the catalog sets
 * `backstage.io/managed-by-location` of a registered entity to where it was read, so it cannot be claimed), and owned
 * by whom the manifest says (the permission checks use the entity's owner).
 */
export function originProblem(
  entity: Entity,
  application: IndexedApplication | undefined,
  repository: string,
): string | undefined {
  const title = entity.metadata.title ?? entity.metadata.name;
  const refuse = (why: string) =>
    `Slipway acts only on applications made from a manifest in its GitOps repository (${repository}): ${why}`;
  if (!application || stringifyEntityRef(entity) !== application.entityRef)
    return refuse(`no manifest there declares ${title}`);
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (location !== application.locationRef)
    return refuse(
      `${title} in the catalog was not made from ${
        application.path
      } but registered from ${location ?? 'an unknown place'}`,
    );
  const owner =
    typeof entity.spec?.owner === 'string'
      ? manifestRef(entity.spec.owner, 'group')
      : undefined;
  if (
    owner?.toLocaleLowerCase('en-US') !==
    application.owner.toLocaleLowerCase('en-US')
  )
    return refuse(
      `${title} in the catalog is owned by ${owner ?? 'nobody'}, but ${
        application.path
      } says ${application.owner}`,
    );
  return undefined;
}
