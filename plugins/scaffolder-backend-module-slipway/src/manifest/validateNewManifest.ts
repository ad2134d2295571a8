import { ConflictError, InputError } from '@backstage/errors';
import {
  ApplicationManifest,
  formatProblem,
  ManifestSet,
  parseManifest,
} from '@slipway/backstage-plugin-slipway-common';

/**
 * Validates a new manifest with the catalog's own parser. Anything it reports fails the step with the parser's
 * messages (`apps/payments/x.yaml:9:5: error: spec.image: must be …`). Warnings count too: the catalog would accept a
 * manifest with an unconfigured environment but ignore that environment, and a template that starts an application
 * somewhere it will never run is a mistake to stop, not to repeat in every new manifest.
 */
export function validateNewManifest(
  text: string,
  options: { path: string; environments: readonly string[] },
): ApplicationManifest {
  const { manifest, problems } = parseManifest(text, options);
  if (problems.length || !manifest) {
    throw new InputError(
      `The manifest is not valid:\n${problems.map(formatProblem).join('\n')}`,
    );
  }
  if (manifest.manifest.kind !== 'Application') {
    throw new InputError('The manifest must be of kind Application');
  }
  return manifest.manifest;
}

/**
 * Names the new application shares with what the GitOps repository already declares. Application and component
 * names are unique across the repository (they become catalog entity names, see checkManifestSet); a second one
 * would be rejected by the catalog, so it is refused here, before anything is written.
 */
export function findNameConflicts(
  existing: ManifestSet,
  manifest: ApplicationManifest,
): string[] {
  const conflicts: string[] = [];
  const name = manifest.metadata.name;
  const application = existing.applications.find(
    app => app.manifest.metadata.name === name,
  );
  if (application) {
    conflicts.push(
      `An application named "${name}" already exists (${application.path}); choose another name`,
    );
  }
  for (const component of manifest.spec.components ?? []) {
    const owner = existing.applications.find(app =>
      (app.manifest.spec.components ?? []).some(c => c.name === component.name),
    );
    if (owner) {
      conflicts.push(
        `A component named "${component.name}" is already declared by ${owner.manifest.metadata.name} (${owner.path}); choose another name`,
      );
    }
  }
  return conflicts;
}

/** Throws a ConflictError naming every clash found by findNameConflicts. */
export function refuseNameConflicts(
  existing: ManifestSet,
  manifest: ApplicationManifest,
) {
  const conflicts = findNameConflicts(existing, manifest);
  if (conflicts.length) throw new ConflictError(conflicts.join('\n'));
}
