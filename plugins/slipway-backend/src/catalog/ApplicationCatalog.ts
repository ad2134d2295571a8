import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';

/**
 * Looks up applications in the catalog on behalf of the caller, so that what the catalog hides from someone, Slipway
 * hides too (a 404, as the catalog itself would answer).
 */
export class ApplicationCatalog {
  constructor(private readonly catalog: CatalogService) {}

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
