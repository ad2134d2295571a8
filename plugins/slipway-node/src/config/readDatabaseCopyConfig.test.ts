import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readDatabaseCopyConfig } from './readDatabaseCopyConfig';
import { readSlipwayConfig } from './readSlipwayConfig';

function read(databases: JsonObject | undefined) {
  const config = new ConfigReader({
    slipway: {
      environments: [
        { name: 'dev' },
        { name: 'staging' },
        { name: 'prod', production: true },
      ],
      gitops: { url: '/srv/gitops.git' },
      ...(databases ? { databases } : {}),
    },
  });
  return readDatabaseCopyConfig(config, readSlipwayConfig(config).environments);
}

describe('readDatabaseCopyConfig', () => {
  it('has no servers, the production environment as source, and the default TTLs when nothing is configured', () => {
    expect(read(undefined)).toEqual({
      servers: {},
      sourceEnvironment: 'prod',
      ttl: { defaultHours: 8, maxHours: 72 },
      masking: {},
      expiryCheckSeconds: 60,
    });
  });

  it('reads a server from a URL, fields overriding it, and treats an empty entry as not configured', () => {
    const config = read({
      servers: {
        prod: {
          url: 'postgresql://copier:p%40ss@db.internal:6543/admin?sslmode=require',
        },
        dev: {
          url: 'postgresql://copier:secret@10.0.0.5',
          clientHost: 'pg-dev.example.com',
          port: 5433,
        },
        staging: {},
      },
      ttl: { defaultHours: 4, maxHours: 48 },
      masking: {
        'checkout-api': { 'checkout-db': { sql: 'UPDATE t SET x = 1;' } },
      },
    });
    expect(config.servers).toEqual({
      prod: {
        environment: 'prod',
        host: 'db.internal',
        port: 6543,
        user: 'copier',
        password: 'p@ss',
        database: 'admin',
        sslmode: 'require',
        clientHost: 'db.internal',
      },
      dev: {
        environment: 'dev',
        host: '10.0.0.5',
        port: 5433,
        user: 'copier',
        password: 'secret',
        database: 'postgres',
        sslmode: 'prefer',
        clientHost: 'pg-dev.example.com',
      },
    });
    expect(config.ttl).toEqual({ defaultHours: 4, maxHours: 48 });
    expect(config.masking['checkout-api']['checkout-db']).toEqual({
      sql: 'UPDATE t SET x = 1;',
      required: true,
    });
  });

  it('names every wrong key and never repeats a password', () => {
    let message = '';
    try {
      read({
        servers: {
          qa: { host: 'db', user: 'u', password: 'pw' },
          dev: { url: "postgresql://u:hunter2@bad'host/x" },
          staging: { host: 'db; DROP', user: 'u', password: 'pw' },
          prod: { password: 'hunter2', port: 5432 },
        },
        source: 'production',
        ttl: { defaultHours: 100, maxHours: 10 },
        masking: { Checkout: { db: { sql: '' } } },
        binDir: 'relative/bin',
        surprise: true,
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'slipway.databases.servers.staging.host: must be a host name',
    );
    expect(message).toContain('slipway.databases.masking.Checkout');
    expect(message).toContain(
      'slipway.databases.binDir: must be an absolute folder',
    );
    expect(message).toContain(
      'slipway.databases: Unrecognized key: "surprise"',
    );
    expect(message).not.toContain('hunter2');
  });

  it('checks servers, source and TTLs against the environments', () => {
    expect(() =>
      read({
        servers: {
          qa: { host: 'db', user: 'u', password: 'pw' },
          dev: { url: 'postgresql://u:hunter2@bad%27host/x' },
          prod: { password: 'hunter2', port: 5432 },
          staging: { url: 'mysql://u:pw@db/x' },
        },
        source: 'production',
        ttl: { defaultHours: 100, maxHours: 10 },
      }),
    ).toThrow(
      [
        'Invalid Slipway configuration:',
        '  slipway.databases.servers.qa: no environment named "qa" (configured: dev, staging, prod)',
        '  slipway.databases.servers.dev.url: its host must be a host name, an IP address or a socket folder',
        '  slipway.databases.servers.prod.host: is required',
        '  slipway.databases.servers.prod.user: is required',
        '  slipway.databases.servers.staging.url: must start with postgresql://',
        '  slipway.databases.source: no environment named "production" (configured: dev, staging, prod)',
        '  slipway.databases.ttl.defaultHours: 100 is more than maxHours (10)',
      ].join('\n'),
    );
  });

  it('needs a key for the copies’ passwords when a target server has no password', () => {
    expect(() =>
      read({ servers: { dev: { host: '/var/run/postgresql', user: 'u' } } }),
    ).toThrow(
      'slipway.databases.credentialsKey: is required because servers.dev has no password',
    );
    expect(
      read({
        servers: { dev: { host: '/var/run/postgresql', user: 'u' } },
        credentialsKey: 'a-long-enough-secret',
      }).servers.dev.host,
    ).toBe('/var/run/postgresql');
  });
});
