import { redactSecretText } from '@slipway/backstage-plugin-audit-log-common';

/**
 * What people type (a restart's reason, an approval's comment) and what executors log is stored and shown to others:
 * a secret pasted into it (`password=…`, a token, credentials in a URL) is replaced before anything keeps it.
 */
export function redactFreeText<T>(value: T): T {
  if (typeof value === 'string') return redactSecretText(value) as T;
  if (Array.isArray(value)) return value.map(redactFreeText) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, redactFreeText(inner)]),
    ) as T;
  return value;
}
