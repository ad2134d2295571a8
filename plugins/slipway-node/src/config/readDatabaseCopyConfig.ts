import { Config } from '@backstage/config';
import { z } from 'zod';
import { configKey, dnsLabel } from './configSchemas';
import { SlipwayEnvironment } from './readSlipwayConfig';

/** How the backend reaches one environment's PostgreSQL server, as an administrator. @public */
export interface DatabaseServer {
  /** The environment this server belongs to. */
  environment: string;
  host: string;
  port: number;
  user: string;
  password?: string;
  /** Database to connect to for CREATE and DROP DATABASE. */
  database: string;
  sslmode:
    | 'disable'
    | 'allow'
    | 'prefer'
    | 'require'
    | 'verify-ca'
    | 'verify-full';
  /** Host developers connect to (shown with a copy's connection details). */
  clientHost: string;
}

/** A masking script for one component of one application. @public */
export interface MaskingScript {
  sql: string;
  /** The requester may not skip it. */
  required: boolean;
}

/** `slipway.databases`, checked: where database copies come from and go, their time to live and masking. @public */
export interface DatabaseCopyConfig {
  /** Servers by environment name; environments without one get no copies. */
  servers: Record<string, DatabaseServer>;
  /** The environment whose databases are copied (undefined: none is configured or production). */
  sourceEnvironment?: string;
  ttl: { defaultHours: number; maxHours: number };
  /** By application name, then component name. */
  masking: Record<string, Record<string, MaskingScript>>;
  /** Folder of pg_dump and pg_restore; undefined: found on PATH. */
  binDir?: string;
  /** Secret that encrypts the copies' passwords at rest (default: derived from the target server's password). */
  credentialsKey?: string;
  expiryCheckSeconds: number;
}

const label = dnsLabel;
// A host name, an IPv4/IPv6 address, or a Unix socket folder. Nothing that could end a quoted libpq value.
const host = z
  .string()
  .regex(
    /^(\/[A-Za-z0-9._/-]+|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[?[0-9A-Fa-f:.]+\]?)$/,
    'must be a host name, an IP address or a socket folder',
  );
const pgName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$/,
    'must be a plain PostgreSQL name (letters, digits, `_`, `.`, `@`, `-`)',
  );
const SSL_MODES = [
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
] as const;

const server = z.strictObject({
  url: z.string().optional(),
  host: host.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  user: pgName.optional(),
  password: z.string().min(1).optional(),
  database: pgName.optional(),
  sslmode: z.enum(SSL_MODES).optional(),
  clientHost: host.optional(),
});

const schema = z.strictObject({
  servers: z.record(label, server).default({}),
  source: label.optional(),
  ttl: z
    .strictObject({
      defaultHours: z.number().int().min(1).max(2160).default(8),
      maxHours: z.number().int().min(1).max(2160).default(72),
    })
    .default({ defaultHours: 8, maxHours: 72 }),
  masking: z
    .record(
      label,
      z.record(
        label,
        z.strictObject({
          sql: z.string().trim().min(1, 'must hold the masking SQL'),
          required: z.boolean().default(true),
        }),
      ),
    )
    .default({}),
  binDir: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute folder')
    .optional(),
  credentialsKey: z.string().min(16, 'use at least 16 characters').optional(),
  expiryCheckSeconds: z.number().int().min(5).max(3600).default(60),
});

type RawServer = z.infer<typeof server>;

const keyOf = (path: ReadonlyArray<PropertyKey>) =>
  configKey('slipway.databases', path);

/** Fields from `url` (postgresql://user:password@host:port/database?sslmode=…), overridden by explicit fields. */
function mergeUrl(raw: RawServer, key: string, problems: string[]): RawServer {
  if (!raw.url) return raw;
  let url: URL;
  try {
    url = new URL(raw.url);
  } catch {
    problems.push(`${key}.url: is not a postgresql:// URL`);
    return raw;
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    problems.push(`${key}.url: must start with postgresql://`);
    return raw;
  }
  const unknown = [...url.searchParams.keys()].filter(k => k !== 'sslmode');
  if (unknown.length) {
    problems.push(
      `${key}.url: only the sslmode parameter is supported (found ${unknown.join(
        ', ',
      )})`,
    );
  }
  const fromUrl = server.safeParse({
    host: url.hostname || undefined,
    port: url.port ? Number(url.port) : undefined,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database:
      url.pathname.length > 1
        ? decodeURIComponent(url.pathname.slice(1))
        : undefined,
    sslmode: url.searchParams.get('sslmode') ?? undefined,
  });
  if (!fromUrl.success) {
    // Never repeat the URL: it holds the password.
    for (const issue of fromUrl.error.issues)
      problems.push(
        `${key}.url: its ${String(issue.path[0])} ${issue.message}`,
      );
    return raw;
  }
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined),
  );
  return { ...fromUrl.data, ...defined };
}

/**
 * Reads and checks `slipway.databases` (docs/database-copies.md) against the configured environments. Throws an
 * Error naming every wrong key, like readSlipwayConfig. A server entry left empty (e.g. `url: ${VAR:-}` with VAR
 * unset) means "not configured": that environment then gets no copies, and the action says so.
 *
 * @public
 */
export function readDatabaseCopyConfig(
  config: Config,
  environments: SlipwayEnvironment[],
): DatabaseCopyConfig {
  const parsed = schema.safeParse(
    config.getOptional('slipway.databases') ?? {},
  );
  if (!parsed.success) {
    throw new Error(
      `Invalid Slipway configuration:\n  ${parsed.error.issues
        .map(issue => `${keyOf(issue.path)}: ${issue.message}`)
        .join('\n  ')}`,
    );
  }
  const data = parsed.data;
  const problems: string[] = [];
  const names = environments.map(e => e.name);
  const known = `configured: ${names.join(', ')}`;

  const servers: Record<string, DatabaseServer> = {};
  for (const [environment, raw] of Object.entries(data.servers)) {
    const key = `slipway.databases.servers.${environment}`;
    if (!names.includes(environment)) {
      problems.push(`${key}: no environment named "${environment}" (${known})`);
      continue;
    }
    // Nothing to connect with (an unset `${VAR:-}`): not configured, not a mistake.
    const { url, host: h, port, user, password, database } = raw;
    if ([url, h, port, user, password, database].every(v => v === undefined))
      continue;
    const before = problems.length;
    const merged = mergeUrl(raw, key, problems);
    if (problems.length > before) continue;
    if (!merged.host) problems.push(`${key}.host: is required`);
    if (!merged.user) problems.push(`${key}.user: is required`);
    if (!merged.host || !merged.user) continue;
    servers[environment] = {
      environment,
      host: merged.host,
      port: merged.port ?? 5432,
      user: merged.user,
      ...(merged.password ? { password: merged.password } : {}),
      database: merged.database ?? 'postgres',
      sslmode: merged.sslmode ?? 'prefer',
      clientHost: merged.clientHost ?? merged.host,
    };
  }

  let sourceEnvironment = data.source;
  if (sourceEnvironment && !names.includes(sourceEnvironment))
    problems.push(
      `slipway.databases.source: no environment named "${sourceEnvironment}" (${known})`,
    );
  sourceEnvironment ??= environments.find(e => e.production)?.name;

  if (data.ttl.defaultHours > data.ttl.maxHours)
    problems.push(
      `slipway.databases.ttl.defaultHours: ${data.ttl.defaultHours} is more than maxHours (${data.ttl.maxHours})`,
    );
  if (!data.credentialsKey) {
    for (const [environment, s] of Object.entries(servers)) {
      if (environment !== sourceEnvironment && !s.password)
        problems.push(
          `slipway.databases.credentialsKey: is required because servers.${environment} has no password to derive the key that encrypts copies' passwords from`,
        );
    }
  }
  if (problems.length)
    throw new Error(
      `Invalid Slipway configuration:\n  ${problems.join('\n  ')}`,
    );

  return {
    servers,
    ...(sourceEnvironment ? { sourceEnvironment } : {}),
    ttl: data.ttl,
    masking: data.masking,
    ...(data.binDir ? { binDir: data.binDir } : {}),
    ...(data.credentialsKey ? { credentialsKey: data.credentialsKey } : {}),
    expiryCheckSeconds: data.expiryCheckSeconds,
  };
}
