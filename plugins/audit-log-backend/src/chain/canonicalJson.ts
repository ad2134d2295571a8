/**
 * JSON with object keys sorted at every level, so that the same content always gives the same bytes (and hash),
 * whatever order a plugin built its objects in and whatever order a database returns JSON in.
 *
 * The input must already be plain JSON (see `toPlainJson`): `undefined` object members are skipped like
 * `JSON.stringify` does, but anything else that does not survive a JSON round trip would make a stored event's hash
 * impossible to recompute.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const members = Object.keys(value)
    .filter(key => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map(
      key =>
        `${JSON.stringify(key)}:${canonicalJson(
          (value as Record<string, unknown>)[key],
        )}`,
    );
  return `{${members.join(',')}}`;
}
