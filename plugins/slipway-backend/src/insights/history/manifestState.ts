import { parseManifest } from '@slipway/backstage-plugin-slipway-common';
import { manifestRef } from '@slipway/backstage-plugin-slipway-node';
import { parse } from 'yaml';

/** What a manifest file declared after a commit, as Insights counts it. */
export interface ManifestState {
  /** The application declared; undefined for a system, or a broken file whose name cannot be read. */
  application?: string;
  type?: string;
  /** A group entity ref. */
  owner?: string;
  /** The file had errors (the portal could not use it). */
  problem: boolean;
  /** Environment → version. */
  versions: Record<string, string>;
}

/**
 * The state a commit left a manifest file in; undefined when it deleted the file. A broken file still declares the
 * application it declared before (or the name it still holds): a typo does not make an application disappear from
 * the counts, it makes a manifest with problems. Its versions stay as they were: nothing was deployed by it.
 */
export function manifestStateOf(
  path: string,
  text: string | undefined,
  before: ManifestState | undefined,
): ManifestState | undefined {
  if (text === undefined) return undefined;
  const { manifest } = parseManifest(text, { path });
  if (!manifest) {
    const readable = leniently(text);
    const application = readable.name ?? before?.application;
    const same = application === before?.application;
    const type = readable.type ?? (same ? before?.type : undefined);
    const owner = readable.owner ?? (same ? before?.owner : undefined);
    return {
      ...(application ? { application } : {}),
      ...(type ? { type } : {}),
      ...(owner ? { owner } : {}),
      problem: true,
      versions: same ? before?.versions ?? {} : {},
    };
  }
  if (manifest.manifest.kind !== 'Application')
    return { problem: false, versions: {} };
  const { metadata, spec } = manifest.manifest;
  const versions: Record<string, string> = {};
  for (const [environment, declared] of Object.entries(spec.environments))
    if (declared?.version !== undefined)
      versions[environment] = String(declared.version);
  return {
    application: metadata.name,
    type: spec.type,
    owner: manifestRef(spec.owner, 'group'),
    problem: false,
    versions,
  };
}

/** Whether two states are one span: the same application, type, team and problem (versions change within a span). */
export function sameSpan(a: ManifestState, b: ManifestState): boolean {
  return (
    a.application === b.application &&
    a.type === b.type &&
    a.owner === b.owner &&
    a.problem === b.problem
  );
}

/** The name, type and team of a file that is not a valid manifest, as far as YAML can still read them. */
function leniently(text: string): {
  name?: string;
  type?: string;
  owner?: string;
} {
  let data: any;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch {
    return {};
  }
  const name = data?.metadata?.name;
  const type = data?.spec?.type;
  // Only an owner that reads as an entity reference ("Data Team" does not): a team, not a typo.
  const declared = data?.spec?.owner;
  const owner =
    typeof declared === 'string' &&
    /^(?:[a-z]+:)?(?:[a-z0-9-]+\/)?[a-z0-9][a-z0-9_.-]*$/i.test(declared)
      ? manifestRef(declared, 'group')
      : undefined;
  return {
    ...(typeof name === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(name)
      ? { name }
      : {}),
    ...(typeof type === 'string' && /^[a-z0-9-]{1,64}$/.test(type)
      ? { type }
      : {}),
    ...(owner ? { owner } : {}),
  };
}
