import { Entity } from '@backstage/catalog-model';
import {
  applicationTemplateContext,
  SlipwayEnvironment,
  TemplateContext,
} from '@slipway/backstage-plugin-slipway-node';

/** The template values of an application entity (one made from a manifest) in an environment. */
export function entityTemplateContext(
  entity: Entity,
  type: string,
  environment: SlipwayEnvironment,
): TemplateContext {
  return applicationTemplateContext(
    {
      name: entity.metadata.name,
      system: String(entity.spec?.system ?? '').replace(
        /^system:(default\/)?/,
        '',
      ),
      owner: String(entity.spec?.owner ?? ''),
      type,
      labels: entity.metadata.labels ?? {},
    },
    environment,
  );
}
