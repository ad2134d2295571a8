import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ApplicationManifest,
  ParsedManifest,
  SlipwayApplicationSpec,
} from '@slipway/backstage-plugin-slipway-common';
import {
  applicationTemplateContext,
  SlipwayEnvironment,
  TemplateContext,
} from '../config';

/** A manifest's reference (`payments`, `group:payments`) as a full entity ref: `group:default/payments`. @public */
export function manifestRef(value: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
  );
}

/**
 * The template values of an application in an environment (none: for templates that use no env), from its manifest.
 *
 * @public
 */
export function manifestTemplateContext(
  manifest: ApplicationManifest,
  environment?: SlipwayEnvironment,
): TemplateContext {
  return applicationTemplateContext(
    {
      name: manifest.metadata.name,
      system: manifest.spec.system,
      owner: manifestRef(manifest.spec.owner, 'group'),
      type: manifest.spec.type,
      labels: manifest.metadata.labels ?? {},
    },
    environment,
  );
}

/**
 * What Slipway keeps of an application's manifest (`spec.slipway` of its catalog entity, and the manifest index):
 * the configured environments only, components, and secret references without values.
 *
 * @public
 */
export function applicationSpecOf(
  parsed: ParsedManifest<ApplicationManifest>,
  environments: readonly SlipwayEnvironment[],
): SlipwayApplicationSpec {
  const { spec } = parsed.manifest;
  const configured = new Set(environments.map(env => env.name));
  return {
    type: spec.type,
    manifestPath: parsed.path,
    ...(spec.type === 'vendor' ? { chart: spec.chart } : { image: spec.image }),
    ...(spec.type === 'etl' ? { schedule: spec.schedule } : {}),
    environments: Object.fromEntries(
      Object.entries(spec.environments)
        .filter(([name]) => configured.has(name))
        .map(([name, env]) => [
          name,
          {
            version: env.version,
            ...('replicas' in env && env.replicas !== undefined
              ? { replicas: env.replicas }
              : {}),
            ...('suspended' in env && env.suspended !== undefined
              ? { suspended: env.suspended }
              : {}),
            ...('paused' in env && env.paused
              ? { paused: { ...env.paused } }
              : {}),
          },
        ]),
    ),
    components: (spec.components ?? []).map(c => ({ ...c })),
    secrets: (spec.secrets ?? []).map(s => ({ env: s.env, ...s.from })),
  };
}
