import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HumanDuration } from '@backstage/types';

/** The `auditLog` configuration (see config.d.ts), read and checked at startup. */
export type AuditLogConfig = {
  redaction: { patterns: string[]; keys: string[] };
  exclude: Array<{ plugin: string; eventId?: string }>;
  retention: { maxAge?: HumanDuration; frequency: HumanDuration };
  verification: { frequency: HumanDuration };
  integrity: { key?: string };
};

function readDuration(config: Config, key: string, fallback: HumanDuration) {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

export function readAuditLogConfig(root: Config): AuditLogConfig {
  const config = root.getOptionalConfig('auditLog') ?? new ConfigReader({});
  const patterns = config.getOptionalStringArray('redaction.patterns') ?? [];
  for (const pattern of patterns) {
    try {
      RegExp(pattern, 'g');
    } catch (error) {
      throw new InputError(
        `auditLog.redaction.patterns has an invalid regular expression ${JSON.stringify(
          pattern,
        )}: ${(error as Error).message}`,
      );
    }
  }
  return {
    redaction: {
      patterns,
      keys: config.getOptionalStringArray('redaction.keys') ?? [],
    },
    exclude: (config.getOptionalConfigArray('exclude') ?? []).map(entry => ({
      plugin: entry.getString('plugin'),
      eventId: entry.getOptionalString('eventId'),
    })),
    retention: {
      maxAge: config.has('retention.maxAge')
        ? readDurationFromConfig(config, { key: 'retention.maxAge' })
        : undefined,
      frequency: readDuration(config, 'retention.frequency', { hours: 24 }),
    },
    verification: {
      frequency: readDuration(config, 'verification.frequency', { hours: 6 }),
    },
    integrity: { key: readIntegrityKey(config) },
  };
}

/** Short keys can be guessed offline from a sealed head: ask for at least 32 characters (e.g. `openssl rand -hex 32`). */
function readIntegrityKey(config: Config): string | undefined {
  const key = config.getOptionalString('integrity.key');
  if (key !== undefined && key.length < 32) {
    throw new InputError(
      `auditLog.integrity.key must be at least 32 characters long (it has ${key.length}); generate one with \`openssl rand -hex 32\``,
    );
  }
  return key;
}
