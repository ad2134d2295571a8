import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ApplicationType,
  MANIFEST_API_VERSION,
} from '@slipway/backstage-plugin-slipway-common';
import { isMap, parseDocument, stringify } from 'yaml';

/**
 * What a template says about a new application. Deliberately loose: every field is checked afterwards by the same
 * parser as the catalog's, so that the step fails with the messages a person also sees on the Manifest problems page.
 *
 * @public
 */
export interface NewApplication {
  name: string;
  type: ApplicationType;
  owner: string;
  system: string;
  title?: string;
  description?: string;
  lifecycle?: string;
  labels?: Record<string, string>;
  tags?: string[];
  /** service and etl: image repository without tag. */
  image?: string;
  /** vendor: the Helm chart. */
  chart?: { repository: string; name: string };
  /** vendor: Helm values, as a mapping or as YAML text (what a form's text area gives). */
  values?: Record<string, unknown> | string;
  /** etl: cron expression. */
  schedule?: string;
  /** The environments it starts in, all at `version`. */
  environments: string[];
  version: string;
  components?: Array<Record<string, unknown>>;
  links?: Array<{ title: string; url: string; icon?: string }>;
}

/** Templates render a missing value as an empty string; an empty value means "not given". */
function given<T>(value: T | undefined | null | ''): value is T {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** `group:default/payments` for any way of naming a group or user; anything unparsable is left for the parser. */
function normalizeOwner(owner: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return owner;
  }
}

/** Just `payments` for a system in the default namespace (as people write it by hand); other namespaces keep the ref. */
function normalizeSystem(system: string) {
  try {
    const ref = parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'system') return system;
    return ref.namespace === 'default' ? ref.name : stringifyEntityRef(ref);
  } catch {
    return system;
  }
}

/** The name of a System given as a name or a reference, for folder names. */
export function systemName(system: string): string {
  try {
    return parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: 'default',
    }).name;
  } catch {
    return system;
  }
}

/** Helm values typed into a text area are YAML; anything but a mapping is a mistake worth naming. */
function helmValues(values: NewApplication['values']) {
  if (typeof values !== 'string') return values;
  if (!values.trim()) return undefined;
  const doc = parseDocument(values, { uniqueKeys: true });
  if (doc.errors.length) {
    throw new InputError(
      `values: not valid YAML: ${doc.errors[0].message.split('\n')[0]}`,
    );
  }
  if (!isMap(doc.contents)) {
    throw new InputError(
      'values: must be a YAML mapping of Helm values, such as `replicaCount: 2`',
    );
  }
  return doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
}

/**
 * Builds the manifest of a new application from a template's inputs and returns it as the YAML text that goes into
 * the GitOps repository. Fields that do not belong to the type are passed on as given, so that the parser explains
 * the mistake rather than this function silently dropping it.
 *
 * @public
 */
export function buildApplicationManifest(input: NewApplication): string {
  const metadata = {
    name: input.name,
    ...(given(input.title) && { title: input.title }),
    ...(given(input.description) && { description: input.description }),
    ...(given(input.labels) && { labels: input.labels }),
    ...(given(input.tags) && { tags: input.tags }),
  };
  const values = helmValues(input.values);
  const spec = {
    type: input.type,
    owner: normalizeOwner(input.owner),
    system: normalizeSystem(input.system),
    ...(given(input.lifecycle) && { lifecycle: input.lifecycle }),
    ...(given(input.image) && { image: input.image }),
    ...(given(input.chart) && { chart: input.chart }),
    ...(given(values) && { values }),
    ...(given(input.schedule) && { schedule: input.schedule }),
    environments: Object.fromEntries(
      input.environments.map(env => [env, { version: input.version }]),
    ),
    ...(given(input.components) && { components: input.components }),
    ...(given(input.links) && { links: input.links }),
  };
  return stringify(
    { apiVersion: MANIFEST_API_VERSION, kind: 'Application', metadata, spec },
    // Versions stay strings (`"1.10"`, not the number 1.1): the yaml library quotes what would read as a number.
    { lineWidth: 0 },
  );
}
