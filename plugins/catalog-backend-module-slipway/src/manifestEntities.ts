import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  Entity,
  EntityLink,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  ApplicationManifest,
  ParsedManifest,
  SLIPWAY_ANNOTATIONS,
  SlipwayApplicationSpec,
  SystemManifest,
} from '@slipway/backstage-plugin-slipway-common';
import {
  applicationTemplateContext,
  SlipwayEnvironment,
  Template,
  TemplateContext,
} from '@slipway/backstage-plugin-slipway-node';

/** What entities need to know besides the manifest: where it lives and how environments are set up. */
export interface EntityContext {
  environments: SlipwayEnvironment[];
  grafanaDashboardSelector: Template;
  locationRef(path: string): string;
  fileUrl(path: string): string | undefined;
}

const ref = (value: string, defaultKind: string) =>
  stringifyEntityRef(
    parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
  );

function annotations(
  path: string,
  context: EntityContext,
): Record<string, string> {
  const view = context.fileUrl(path);
  return {
    [ANNOTATION_LOCATION]: context.locationRef(path),
    [ANNOTATION_ORIGIN_LOCATION]: context.locationRef(path),
    [SLIPWAY_ANNOTATIONS.manifestPath]: path,
    ...(view ? { [ANNOTATION_VIEW_URL]: view } : {}),
  };
}

/** The template variables of an application in an environment (none: for templates that use no env). */
export function templateContext(
  manifest: ApplicationManifest,
  environment?: SlipwayEnvironment,
): TemplateContext {
  return applicationTemplateContext(
    {
      name: manifest.metadata.name,
      system: manifest.spec.system,
      owner: ref(manifest.spec.owner, 'group'),
      type: manifest.spec.type,
      labels: manifest.metadata.labels ?? {},
    },
    environment,
  );
}

/** Annotations other plugins understand: Kubernetes, Argo CD (of the production environment) and Grafana. */
function integrationAnnotations(
  manifest: ApplicationManifest,
  context: EntityContext,
) {
  const result: Record<string, string> = {
    'backstage.io/kubernetes-id': manifest.metadata.name,
    'grafana/dashboard-selector': context.grafanaDashboardSelector.render(
      templateContext(manifest),
    ),
  };
  const configured = context.environments.filter(
    env => env.argocd && manifest.spec.environments[env.name],
  );
  const main =
    configured.find(env => env.production) ?? configured[configured.length - 1];
  if (main?.argocd) {
    result['argocd/app-name'] = main.argocd.application.render(
      templateContext(manifest, main),
    );
    result['argocd/instance-name'] = main.argocd.instance;
  }
  return result;
}

function slipwaySpec(
  parsed: ParsedManifest<ApplicationManifest>,
  context: EntityContext,
): SlipwayApplicationSpec {
  const { spec } = parsed.manifest;
  const configured = new Set(context.environments.map(env => env.name));
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
          },
        ]),
    ),
    components: (spec.components ?? []).map(c => ({ ...c })),
    secrets: (spec.secrets ?? []).map(s => ({ env: s.env, ...s.from })),
  };
}

/** The Component of an application and a Resource per component it declares. */
export function applicationEntities(
  parsed: ParsedManifest<ApplicationManifest>,
  context: EntityContext,
): Entity[] {
  const { metadata, spec } = parsed.manifest;
  const componentRef = `component:default/${metadata.name}`;
  const owner = ref(spec.owner, 'group');
  const system = ref(spec.system, 'system');
  const view = context.fileUrl(parsed.path);
  const links: EntityLink[] = [
    ...(spec.links ?? []).map(l => ({
      title: l.title,
      url: l.url,
      ...(l.icon ? { icon: l.icon } : {}),
    })),
    ...(view ? [{ title: 'Manifest', url: view, icon: 'github' }] : []),
  ];

  const component: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: metadata.name,
      ...(metadata.title ? { title: metadata.title } : {}),
      ...(metadata.description ? { description: metadata.description } : {}),
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      ...(metadata.tags ? { tags: metadata.tags } : {}),
      annotations: {
        ...annotations(parsed.path, context),
        ...integrationAnnotations(parsed.manifest, context),
      },
      ...(links.length ? { links } : {}),
    },
    spec: {
      type: spec.type,
      lifecycle: spec.lifecycle ?? 'production',
      owner,
      system,
      dependsOn: [
        ...(spec.components ?? []).map(c => `resource:default/${c.name}`),
        ...(spec.dependsOn ?? []).map(d => ref(d, 'component')),
      ],
      slipway: slipwaySpec(parsed, context) as unknown as JsonObject,
    },
  };

  const resources: Entity[] = (spec.components ?? []).map(c => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: c.name,
      ...(c.description ? { description: c.description } : {}),
      annotations: {
        ...annotations(parsed.path, context),
        [SLIPWAY_ANNOTATIONS.application]: metadata.name,
        ...(c.database ? { [SLIPWAY_ANNOTATIONS.database]: c.database } : {}),
      },
    },
    spec: { type: c.type, owner, system, dependencyOf: [componentRef] },
  }));

  return [component, ...resources];
}

/** The System entity of a System manifest. */
export function systemEntity(
  parsed: ParsedManifest<SystemManifest>,
  context: EntityContext,
): Entity {
  const { metadata, spec } = parsed.manifest;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: metadata.name,
      ...(metadata.title ? { title: metadata.title } : {}),
      ...(metadata.description ? { description: metadata.description } : {}),
      ...(metadata.tags ? { tags: metadata.tags } : {}),
      annotations: annotations(parsed.path, context),
    },
    spec: {
      owner: ref(spec.owner, 'group'),
      ...(spec.domain ? { domain: ref(spec.domain, 'domain') } : {}),
    },
  };
}
