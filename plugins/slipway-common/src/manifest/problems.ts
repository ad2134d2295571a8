/**
 * Something wrong with a manifest file, said so that a person can fix it: which file, where, and what.
 *
 * `error` means the manifest was rejected (its entities are not in the catalog); `warning` means it was accepted
 * but part of it is ignored (e.g. an environment that is not configured).
 *
 * @public
 */
export interface ManifestProblem {
  /** Path of the file, relative to the root of the GitOps repository. */
  path: string;
  /** 1-based line and column of the offending text, when known. */
  line?: number;
  column?: number;
  /** The field at fault, as a dotted path (`spec.environments.prod.version`). */
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Formats a problem the way compilers do: `path:line:column: severity: field: message`. @public */
export function formatProblem(problem: ManifestProblem): string {
  const where = [
    problem.path,
    problem.line,
    problem.line ? problem.column : undefined,
  ]
    .filter(part => part !== undefined)
    .join(':');
  const field = problem.field ? `${problem.field}: ` : '';
  return `${where}: ${problem.severity}: ${field}${problem.message}`;
}

/** Sorts problems by file, then line, so that listings are stable. @public */
export function compareProblems(a: ManifestProblem, b: ManifestProblem) {
  return (
    a.path.localeCompare(b.path) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0)
  );
}
