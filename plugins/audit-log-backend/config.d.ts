import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Slipway's audit log: every plugin's audit events are stored in the audit-log plugin's database, chained by hash,
   * and reviewed in the portal. See docs/audit-log.md.
   */
  auditLog?: {
    redaction?: {
      /**
       * Regular expressions (JavaScript syntax, as strings without slashes) matching secrets; every match in any
       * text of an event (details, error, request URL) is replaced by `[REDACTED]`. Default: none besides the
       * built-in ones (Bearer and Basic credentials, JSON Web Tokens, GitHub tokens, PEM private keys).
       */
      patterns?: string[];
      /**
       * More keys whose values are redacted wherever they appear in an event's details or query string. Matching
       * ignores case and punctuation. Default: none besides the built-in ones (password, secret, token,
       * authorization, apiKey, privateKey, clientSecret, cookie, credentials, … and keys ending in password,
       * secret, token, apiKey or privateKey).
       */
      keys?: string[];
    };
    /**
     * Events that are only logged, not stored: each entry matches a plugin and optionally one of its event ids.
     * Default: none, every event is stored.
     */
    exclude?: Array<{
      plugin: string;
      eventId?: string;
    }>;
    retention?: {
      /**
       * How long events are kept; older ones are removed by a daily purge that keeps the rest verifiable.
       * A duration object such as `{ days: 400 }` or an ISO 8601 duration such as `P400D`. Default: forever.
       */
      maxAge?: HumanDuration | string;
      /** How often the purge runs. Default: `{ hours: 24 }`. */
      frequency?: HumanDuration | string;
    };
    verification?: {
      /** How often the whole chain is verified in the background. Default: `{ hours: 6 }`. */
      frequency?: HumanDuration | string;
    };
    integrity?: {
      /**
       * A secret of at least 32 characters (e.g. `openssl rand -hex 32`) that seals the chain head with an HMAC, so
       * that someone who can write the database but does not know it cannot remove events at either end of the
       * chain, or rewrite and re-hash it, unnoticed. Keep it out of the database and its backups. Default: none
       * (verifications say the chain is not sealed). See docs/audit-log.md, Verification.
       * @visibility secret
       */
      key?: string;
    };
  };
}
