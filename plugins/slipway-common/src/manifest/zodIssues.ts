import type { z } from 'zod';
import {
  APPLICATION_TYPES,
  FIELDS_BY_TYPE,
  MANIFEST_API_VERSION,
} from './schema';

/** One readable message about one field, turned from a zod issue. */
export interface FieldIssue {
  path: PropertyKey[];
  /** Points at the key rather than the value (unknown fields). */
  atKey: boolean;
  message: string;
}

export function fieldName(path: ReadonlyArray<PropertyKey>) {
  return path
    .map((segment, i) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${i ? '.' : ''}${String(segment)}`,
    )
    .join('');
}

function listOf(words: string[]) {
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
    : words[0];
}

function article(expected: string) {
  if (expected === 'object' || expected === 'record') return 'a mapping';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeType(value: unknown) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function closest(word: string, candidates: string[]) {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string) {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value: any = root;
  for (const segment of path) value = value?.[segment as any];
  return value;
}

function unknownField(
  key: string,
  parentPath: PropertyKey[],
  root: unknown,
): string {
  const parent = valueAt(root, parentPath);
  const where = parentPath.length ? fieldName(parentPath) : 'the manifest';
  if (
    fieldName(parentPath) === 'spec' &&
    (root as any)?.kind === 'Application'
  ) {
    const type = (parent as any)?.type as keyof typeof FIELDS_BY_TYPE;
    const takenBy = APPLICATION_TYPES.filter(t =>
      FIELDS_BY_TYPE[t].includes(key),
    );
    if (FIELDS_BY_TYPE[type] && takenBy.length) {
      return `"${key}" does not apply to ${type} applications (it is a field of ${listOf(
        takenBy,
      )})`;
    }
  }
  if (/^spec\.secrets\[\d+\]$/.test(fieldName(parentPath)) && key === 'value') {
    return 'a secret has no value in a manifest: name where it lives with `from: { store, name, key }` and keep the value in the secret store';
  }
  const siblings =
    parent && typeof parent === 'object' ? Object.keys(parent) : [];
  const suggestion = closest(
    key,
    knownKeysFor(parentPath, root).filter(k => !siblings.includes(k)),
  );
  return `unknown field "${key}" in ${where}${
    suggestion ? ` (did you mean "${suggestion}"?)` : ''
  }`;
}

const KNOWN_KEYS: Record<string, string[]> = {
  '': ['apiVersion', 'kind', 'metadata', 'spec'],
  metadata: ['name', 'title', 'description', 'labels', 'tags'],
  component: ['name', 'type', 'database', 'description'],
  secret: ['env', 'from'],
  secretFrom: ['store', 'name', 'key'],
  link: ['title', 'url', 'icon'],
  environment: ['version', 'replicas', 'env', 'values', 'suspended', 'paused'],
  paused: ['since', 'replicas', 'until'],
  chart: ['repository', 'name'],
};

function knownKeysFor(parentPath: PropertyKey[], root: unknown): string[] {
  const name = fieldName(parentPath);
  if (name === 'spec') {
    const type = (valueAt(root, ['spec']) as any)
      ?.type as keyof typeof FIELDS_BY_TYPE;
    return (
      FIELDS_BY_TYPE[type] ??
      Array.from(new Set(Object.values(FIELDS_BY_TYPE).flat()))
    );
  }
  if (/^spec\.components\[\d+\]$/.test(name)) return KNOWN_KEYS.component;
  if (/^spec\.secrets\[\d+\]$/.test(name)) return KNOWN_KEYS.secret;
  if (/^spec\.secrets\[\d+\]\.from$/.test(name)) return KNOWN_KEYS.secretFrom;
  if (/^spec\.links\[\d+\]$/.test(name)) return KNOWN_KEYS.link;
  if (/^spec\.environments\.[^.]+$/.test(name)) return KNOWN_KEYS.environment;
  if (/^spec\.environments\.[^.]+\.paused$/.test(name))
    return KNOWN_KEYS.paused;
  return KNOWN_KEYS[name] ?? [];
}

/** Turns zod's issues into one readable message per field. */
export function describeIssues(
  issues: z.core.$ZodIssue[],
  root: unknown,
): FieldIssue[] {
  const result: FieldIssue[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    const field = fieldName(path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        result.push({
          path: [...path, key],
          atKey: true,
          message: unknownField(key, path, root),
        });
      }
    } else if (issue.code === 'invalid_key') {
      // A record key (an environment name, a label key, …) broke its pattern.
      result.push({
        path,
        atKey: true,
        message: `"${String(path[path.length - 1])}" ${
          issue.issues[0]?.message ?? issue.message
        }`,
      });
    } else if (
      issue.code === 'invalid_union' &&
      (field === '' || field === 'kind')
    ) {
      result.push({
        path: ['kind'],
        atKey: false,
        message: 'must be Application or System',
      });
    } else if (issue.code === 'invalid_union' && field === 'spec.type') {
      result.push({
        path,
        atKey: false,
        message: issue.message,
      });
    } else if (issue.code === 'invalid_value' && field === 'apiVersion') {
      result.push({
        path,
        atKey: false,
        message: `must be "${MANIFEST_API_VERSION}"`,
      });
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      result.push({ path, atKey: false, message: 'required, but missing' });
    } else if (
      issue.code === 'invalid_type' &&
      issue.message.startsWith('Invalid input')
    ) {
      result.push({
        path,
        atKey: false,
        message: `expected ${article(issue.expected)}, found ${describeType(
          issue.input,
        )}`,
      });
    } else {
      result.push({ path, atKey: false, message: issue.message });
    }
  }
  return result;
}
