import { ManifestProblem } from './problems';
import { ApplicationManifest, SystemManifest } from './schema';
import { ParsedManifest } from './parseManifest';

/** The manifests of one repository that together make sense, and the problems found across files. @public */
export interface ManifestSet {
  applications: ParsedManifest<ApplicationManifest>[];
  systems: ParsedManifest<SystemManifest>[];
  problems: ManifestProblem[];
}

const isApplication = (
  m: ParsedManifest,
): m is ParsedManifest<ApplicationManifest> =>
  m.manifest.kind === 'Application';
const isSystem = (m: ParsedManifest): m is ParsedManifest<SystemManifest> =>
  m.manifest.kind === 'System';

/**
 * Checks what no single file can: names must be unique across the repository. Entity names are global in the
 * catalog (an application and a component both become entities), so the first declaration in path order wins and
 * every later one is rejected with a message naming the file that declared it first.
 *
 * @public
 */
export function checkManifestSet(manifests: ParsedManifest[]): ManifestSet {
  const sorted = [...manifests].sort((a, b) => a.path.localeCompare(b.path));
  const problems: ManifestProblem[] = [];
  const declared = new Map<string, { path: string; line: number }>();

  const claim = (
    key: string,
    what: string,
    at: { path: string; line: number },
  ) => {
    const first = declared.get(key);
    if (first) {
      problems.push({
        path: at.path,
        line: at.line,
        field: 'metadata.name',
        severity: 'error',
        message: `${what} is already declared in ${first.path}:${first.line}; names must be unique across the repository, so this file is ignored`,
      });
      return false;
    }
    declared.set(key, at);
    return true;
  };

  const systems = sorted
    .filter(isSystem)
    .filter(m =>
      claim(
        `system:${m.manifest.metadata.name}`,
        `system "${m.manifest.metadata.name}"`,
        m,
      ),
    );

  const applications: ParsedManifest<ApplicationManifest>[] = [];
  for (const m of sorted.filter(isApplication)) {
    const names: Array<[string, string]> = [
      [
        `component:${m.manifest.metadata.name}`,
        `application "${m.manifest.metadata.name}"`,
      ],
      ...(m.manifest.spec.components ?? []).map(
        c =>
          [`resource:${c.name}`, `component "${c.name}"`] as [string, string],
      ),
    ];
    const clash = names.find(([key]) => declared.has(key));
    if (clash) {
      claim(clash[0], clash[1], m);
      continue;
    }
    const componentNames = new Set<string>();
    const repeated = (m.manifest.spec.components ?? []).find(
      c => componentNames.size === componentNames.add(c.name).size,
    );
    if (repeated) {
      problems.push({
        path: m.path,
        line: m.line,
        field: 'spec.components',
        severity: 'error',
        message: `component "${repeated.name}" is declared twice in this manifest`,
      });
      continue;
    }
    names.forEach(([key, what]) => claim(key, what, m));
    applications.push(m);
  }
  problems.push(...sharedDatabases(applications));
  return { applications, systems, problems };
}

/**
 * A database belongs to one application: whoever may copy it is decided by the application that declares it. Two
 * applications declaring one database name (on the one production server copies are made from) would let either
 * team copy the other's data, and keeping the first in path order would let a new file take it from its owner by
 * its name. So every claimant gets the error, the applications stay, and no copy is made of that database until one
 * of them declares it no more (the copy action says so too).
 */
function sharedDatabases(
  applications: ParsedManifest<ApplicationManifest>[],
): ManifestProblem[] {
  const claimants = new Map<string, ParsedManifest<ApplicationManifest>[]>();
  for (const m of applications)
    for (const database of new Set(
      (m.manifest.spec.components ?? []).flatMap(c =>
        c.database ? [c.database] : [],
      ),
    ))
      claimants.set(database, [...(claimants.get(database) ?? []), m]);
  return [...claimants].flatMap(([database, claiming]) =>
    claiming.length < 2
      ? []
      : claiming.map(m => ({
          path: m.path,
          line: m.line,
          field: 'spec.components',
          severity: 'error' as const,
          message: `database "${database}" is also declared by ${claiming
            .filter(other => other !== m)
            .map(other => `${other.manifest.metadata.name} (${other.path})`)
            .join(
              ', ',
            )}; a database belongs to one application, so none of them can copy it until only one declares it`,
        })),
  );
}
