import { LineCounter, parseAllDocuments } from 'yaml';
import { SECRET_LOOKING_NAME } from './patterns';
import { compareProblems, ManifestProblem } from './problems';
import { Manifest, manifestSchema } from './schema';
import { locate, sourceText } from './yamlLocation';
import { describeIssues, fieldName } from './zodIssues';

/** Limits that keep a hostile file from costing more than a fixed amount of memory and time. @public */
export const MANIFEST_LIMITS = {
  /** Largest manifest file read, in bytes. Real manifests are a few kilobytes. */
  maxBytes: 512 * 1024,
  /** Most YAML alias expansions (`*ref`) allowed in one file, so that an alias bomb cannot blow up. */
  maxAliasCount: 100,
  /** Deepest nesting of mappings and lists. */
  maxDepth: 64,
};

/** A manifest that passed validation, with where it came from. @public */
export interface ParsedManifest<T extends Manifest = Manifest> {
  path: string;
  /** Line of `metadata.name`, for pointing at the manifest in messages. */
  line: number;
  manifest: T;
}

/** What parsing one file gave: the manifest (if valid) and its problems (warnings only, when valid). @public */
export interface ManifestParseResult {
  manifest?: ParsedManifest;
  problems: ManifestProblem[];
}

/** @public */
export interface ParseManifestOptions {
  /** Path of the file relative to the repository root, used in every message. */
  path: string;
  /** Names of the configured environments; other environment keys are reported and ignored. */
  environments?: readonly string[];
}

/** Quotes what the file says rather than what YAML made of it (`1.10` rather than the number 1.1). */
function withSourceText(message: string, source: string | undefined) {
  return source && message.startsWith('must be a string: quote it')
    ? message.replace(/e\.g\. "[^"]*"/, `e.g. "${source}"`)
    : message;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(
  content: string | Uint8Array,
  path: string,
): string | ManifestProblem {
  if (typeof content === 'string') return content;
  if (content.byteLength > MANIFEST_LIMITS.maxBytes) {
    return tooLarge(path, content.byteLength);
  }
  if (content.includes(0)) {
    return {
      path,
      severity: 'error',
      message: 'this is not a text file (it contains NUL bytes)',
    };
  }
  try {
    return decoder.decode(content);
  } catch {
    return {
      path,
      severity: 'error',
      message: 'this is not a UTF-8 text file',
    };
  }
}

/** The problem for a file over the size limit (also used by readers that check the size before reading). @public */
export function tooLarge(path: string, bytes: number): ManifestProblem {
  const size = (n: number) =>
    n >= 1024 * 1024
      ? `${(n / 1024 / 1024).toFixed(1)} MiB`
      : `${Math.ceil(n / 1024)} KiB`;
  return {
    path,
    severity: 'error',
    message: `file is ${size(bytes)}; a manifest may be at most ${size(
      MANIFEST_LIMITS.maxBytes,
    )}`,
  };
}

/** UTF-8 size of a string: a surrogate pair is 4 bytes (2 + 2), other characters 1 to 3. */
function utf8Length(text: string) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800 || (code >= 0xd800 && code < 0xe000)) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

function nestingDepth(text: string): number {
  // Flow collections (`[[[[...`) nest without indentation; count brackets outside quotes as a cheap upper bound.
  let depth = 0;
  let max = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    }
  }
  return max;
}

/**
 * Parses and validates one manifest file. Never throws: every way a file can be wrong — not text, too large, bad
 * YAML, an alias bomb, several documents, a wrong field — comes back as a problem with file, line and reason.
 *
 * @public
 */
export function parseManifest(
  content: string | Uint8Array,
  options: ParseManifestOptions,
): ManifestParseResult {
  const { path } = options;
  const text = decode(content, path);
  if (typeof text !== 'string') return { problems: [text] };
  const bytes = utf8Length(text);
  if (bytes > MANIFEST_LIMITS.maxBytes)
    return { problems: [tooLarge(path, bytes)] };
  if (!text.trim())
    return {
      problems: [{ path, severity: 'error', message: 'file is empty' }],
    };
  if (nestingDepth(text) > MANIFEST_LIMITS.maxDepth) {
    return {
      problems: [
        {
          path,
          severity: 'error',
          message: `nesting is deeper than ${MANIFEST_LIMITS.maxDepth} levels`,
        },
      ],
    };
  }

  const lines = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: true,
  });
  if (!Array.isArray(documents) || documents.length === 0) {
    return {
      problems: [
        { path, severity: 'error', message: 'file holds no YAML document' },
      ],
    };
  }
  if (documents.length > 1) {
    const second = lines.linePos(documents[1].range[0]);
    return {
      problems: [
        {
          path,
          line: second.line,
          column: second.col,
          severity: 'error',
          message: `a file holds one manifest, but this one has ${documents.length} documents (separated by ---)`,
        },
      ],
    };
  }
  const [doc] = documents;
  if (doc.errors.length) {
    return {
      problems: doc.errors.slice(0, 5).map(error => {
        const pos = error.linePos?.[0];
        return {
          path,
          line: pos?.line,
          column: pos?.col,
          severity: 'error',
          message: `invalid YAML: ${error.message.split('\n')[0]}`,
        };
      }),
    };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MANIFEST_LIMITS.maxAliasCount });
  } catch (error) {
    return {
      problems: [
        {
          path,
          severity: 'error',
          message: /alias/i.test(String(error))
            ? `YAML aliases expand more than ${MANIFEST_LIMITS.maxAliasCount} times (an alias bomb?)`
            : `invalid YAML: ${String(error)}`,
        },
      ],
    };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      problems: [
        {
          path,
          line: 1,
          severity: 'error',
          message:
            'a manifest must be a YAML mapping with apiVersion, kind, metadata and spec',
        },
      ],
    };
  }

  const where = (fieldPath: PropertyKey[], atKey = false) => {
    const pos = locate(doc, lines, fieldPath, { key: atKey });
    return { line: pos?.line, column: pos?.column };
  };

  const parsed = manifestSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return {
      problems: describeIssues(parsed.error.issues, data)
        .map(issue => ({
          path,
          ...where(issue.path, issue.atKey),
          field: fieldName(issue.path) || undefined,
          severity: 'error' as const,
          message: withSourceText(issue.message, sourceText(doc, issue.path)),
        }))
        .sort(compareProblems),
    };
  }

  const manifest = parsed.data;
  const problems: ManifestProblem[] = [];
  if (manifest.kind === 'Application') {
    for (const [envName, environment] of Object.entries(
      manifest.spec.environments,
    )) {
      for (const variable of Object.keys(environment.env ?? {})) {
        if (SECRET_LOOKING_NAME.test(variable)) {
          const fieldPath = ['spec', 'environments', envName, 'env', variable];
          problems.push({
            path,
            ...where(fieldPath, true),
            field: fieldName(fieldPath),
            severity: 'error',
            message: `${variable} looks like a secret: declare it under spec.secrets as a reference to your secret store instead of a value in Git`,
          });
        }
      }
    }
    if (problems.length) return { problems };

    const configured = options.environments;
    if (configured) {
      for (const envName of Object.keys(manifest.spec.environments)) {
        if (!configured.includes(envName)) {
          const fieldPath = ['spec', 'environments', envName];
          problems.push({
            path,
            ...where(fieldPath, true),
            field: fieldName(fieldPath),
            severity: 'warning',
            message: `environment "${envName}" is not configured (configured: ${
              configured.join(', ') || 'none'
            }); it is ignored`,
          });
        }
      }
    }
  }
  return {
    manifest: { path, line: where(['metadata', 'name']).line ?? 1, manifest },
    problems,
  };
}
