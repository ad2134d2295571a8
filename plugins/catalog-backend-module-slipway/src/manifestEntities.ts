import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  Entity,
  EntityLink,
} from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  ApplicationManifest,
  ParsedManifest,
  SLIPWAY_ANNOTATIONS,
  SystemManifest,
} from '@slipway/backstage-plugin-slipway-common';
import {
  applicationSpecOf,
  manifestRef,
  manifestTemplateContext,
  SlipwayEnvironment,
  Template,
} from '@slipway/backstage-plugin-slipway-node';

/** What entities need to know besides the manifest: where it lives and how environments are set up. */
export interface EntityContext {
  environments: SlipwayEnvironment[];
  grafanaDashboardSelector: Template;
  locationRef(path: string): string;
  fileUrl(path: string): string | undefined;
}

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

/** Annotations other plugins understand: Kubernetes, Argo CD (of the production environment) and Grafana. */
function integrationAnnotations(
  manifest: ApplicationManifest,
  context: EntityContext,
) {
  const result: Record<string, string> = {
    'backstage.io/kubernetes-id': manifest.metadata.name,
    'grafana/dashboard-selector': context.grafanaDashboardSelector.render(
      manifestTemplateContext(manifest),
    ),
  };
  const configured = context.environments.filter(
    env => env.argocd && manifest.spec.environments[env.name],
  );
  const main =
    configured.find(env => env.production) ?? configured[configured.length - 1];
  if (main?.argocd) {
    result['argocd/app-name'] = main.argocd.application.render(
      manifestTemplateContext(manifest, main),
    );
    result['argocd/instance-name'] = main.argocd.instance;
  }
  return result;
}

/** The Component of an application and a Resource per component it declares. */
export function applicationEntities(
  parsed: ParsedManifest<ApplicationManifest>,
  context: EntityContext,
): Entity[] {
  const { metadata, spec } = parsed.manifest;
  const componentRef = `component:default/${metadata.name}`;
  const owner = manifestRef(spec.owner, 'group');
  const system = manifestRef(spec.system, 'system');
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
        ...(spec.dependsOn ?? []).map(d => manifestRef(d, 'component')),
      ],
      slipway: applicationSpecOf(
        parsed,
        context.environments,
      ) as unknown as JsonObject,
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
      owner: manifestRef(spec.owner, 'group'),
      ...(spec.domain ? { domain: manifestRef(spec.domain, 'domain') } : {}),
    },
  };
}
