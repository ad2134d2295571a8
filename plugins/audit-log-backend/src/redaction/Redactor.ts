import { JsonObject, JsonValue } from '@backstage/types';
import {
  REDACTED,
  SECRET_TEXT_PATTERNS,
} from '@slipway/backstage-plugin-audit-log-common';

export { REDACTED };

/**
 * Keys whose values are secrets whatever they hold, compared after lower-casing and dropping everything but letters
 * and digits (`api_key`, `X-Api-Key` and `apiKey` are the same key).
 */
const SECRET_KEYS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'sessiontoken',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'apikey',
  'xapikey',
  'privatekey',
  'credentials',
  'connectionstring',
]);

/** Suffixes that make a key secret too: `githubToken`, `dbPassword`, `webhookSecret`, `stripeApiKey`. */
const SECRET_KEY_SUFFIXES = [
  'password',
  'secret',
  'token',
  'apikey',
  'privatekey',
];

/** Nesting below this depth is not stored; real audit details are shallow. */
const MAX_DEPTH = 16;

function normalizeKey(key: string) {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes secrets from audit events before they are stored or logged: values under secret keys, text that matches
 * the built-in or configured patterns, and any occurrence of a configuration value marked `@visibility secret`.
 *
 * It also turns what plugins pass into plain JSON (dates become ISO strings, `undefined` and functions disappear,
 * cycles and very deep nesting are cut), because only plain JSON can be hashed and re-hashed identically.
 */
export class Redactor {
  readonly #secretKeys: Set<string>;
  readonly #patterns: RegExp[];
  #secretValuesPattern: RegExp | undefined;

  constructor(options?: {
    /** Extra keys whose values are secret. */
    secretKeys?: string[];
    /** Extra regular expressions (source text) matching secrets in text. */
    patterns?: string[];
    /** Exact secret values, e.g. from the configuration. */
    secretValues?: Iterable<string>;
  }) {
    this.#secretKeys = new Set([
      ...SECRET_KEYS,
      ...(options?.secretKeys ?? []).map(normalizeKey),
    ]);
    this.#patterns = [
      ...SECRET_TEXT_PATTERNS,
      ...(options?.patterns ?? []).map(source => new RegExp(source, 'g')),
    ];
    this.setSecretValues(options?.secretValues ?? []);
  }

  /** Replaces the exact secret values, e.g. after the configuration changed. */
  setSecretValues(values: Iterable<string>) {
    // Like Backstage's log redaction: trimmed, and one-character values would redact every text.
    const secrets = [...new Set([...values].map(v => v.trim()))]
      .filter(v => v.length > 1)
      .sort((a, b) => b.length - a.length);
    this.#secretValuesPattern = secrets.length
      ? new RegExp(secrets.map(escapeRegExp).join('|'), 'g')
      : undefined;
  }

  isSecretKey(key: string): boolean {
    const normalized = normalizeKey(key);
    return (
      this.#secretKeys.has(normalized) ||
      SECRET_KEY_SUFFIXES.some(suffix => normalized.endsWith(suffix))
    );
  }

  redactText(text: string): string {
    let result = this.#secretValuesPattern
      ? text.replace(this.#secretValuesPattern, REDACTED)
      : text;
    for (const pattern of this.#patterns) {
      result = result.replace(pattern, REDACTED);
    }
    return result;
  }

  /** Redacts the values of secret query parameters and any secret text in a URL or path. */
  redactUrl(url: string): string {
    const queryStart = url.indexOf('?');
    if (queryStart < 0) {
      return this.redactText(url);
    }
    const query = url
      .slice(queryStart + 1)
      .split('&')
      .map(pair => {
        const [name] = pair.split('=', 1);
        let decoded = name;
        try {
          decoded = decodeURIComponent(name);
        } catch {
          // A malformed escape: judge the raw name.
        }
        return pair.includes('=') && this.isSecretKey(decoded)
          ? `${name}=${encodeURIComponent(REDACTED)}`
          : pair;
      })
      .join('&');
    return this.redactText(`${url.slice(0, queryStart)}?${query}`);
  }

  /** A redacted, plain-JSON copy of an object's values. */
  redactObject(value: object): JsonObject {
    return this.#redact(value, 0, new WeakSet()) as JsonObject;
  }

  #redact(value: unknown, depth: number, seen: WeakSet<object>): JsonValue {
    if (value === null || value === undefined) {
      return null;
    }
    switch (typeof value) {
      case 'string':
        return this.redactText(value);
      case 'number':
        return Number.isFinite(value) ? value : null;
      case 'boolean':
        return value;
      case 'bigint':
        return value.toString();
      case 'object':
        break;
      default:
        // Functions and symbols have no JSON form.
        return null;
    }
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? null : value.toISOString();
    }
    if (value instanceof Error) {
      return { name: value.name, message: this.redactText(value.message) };
    }
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) {
      return '[binary]';
    }
    if (seen.has(value)) {
      return '[circular]';
    }
    if (depth >= MAX_DEPTH) {
      return '[too deep]';
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      return this.#redact(toJSON.call(value), depth + 1, seen);
    }
    seen.add(value);
    try {
      if (Array.isArray(value)) {
        return value.map(item => this.#redact(item, depth + 1, seen));
      }
      const result: JsonObject = {};
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined || typeof item === 'function') {
          continue;
        }
        result[key] =
          this.isSecretKey(key) && item !== null && item !== ''
            ? REDACTED
            : this.#redact(item, depth + 1, seen);
      }
      return result;
    } finally {
      seen.delete(value);
    }
  }
}
