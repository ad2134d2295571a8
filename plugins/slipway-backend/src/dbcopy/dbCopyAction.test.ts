import { getSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';
import {
  ActionPrepareContext,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import {
  applicationWithDatabase,
  copyConfig,
  soleClaimant,
} from './__testUtils__/copyContext';
import { actionForm } from '../engine/actionForm';
import { createDbCopyAction, DbCopyParameters } from './dbCopyAction';
import {
  copyName,
  assertCopyName,
  quoteIdent,
  quoteLiteral,
} from './copyNames';

const environments: SlipwayEnvironment[] = ['dev', 'staging', 'prod'].map(
  (name, order) => ({
    name,
    title: name.toUpperCase(),
    production: name === 'prod',
    order,
    links: [],
    actions: {},
    approval: { required: name === 'prod', expiresAfterHours: 24, notify: [] },
  }),
);
const [dev, staging, prod] = environments;
// Servers are only read, never reached, here.
const server = (environment: string) => ({
  environment,
  host: 'db.internal',
  port: 5432,
  user: 'copier',
  password: 'secret',
  database: 'postgres',
  sslmode: 'disable' as const,
  clientHost: 'db.internal',
});
const config = (overrides: Parameters<typeof copyConfig>[0] = {}) =>
  copyConfig({
    servers: { dev: server('dev'), prod: server('prod') },
    ...overrides,
  });

function prepare(
  parameters: DbCopyParameters,
  entity = applicationWithDatabase('checkout'),
  action = createDbCopyAction(config(), soleClaimant),
) {
  return action.prepare!({
    parameters,
    entity,
    application: getSlipwayApplication(entity)!,
    environment: dev,
    environments,
  } as ActionPrepareContext<DbCopyParameters>);
}

describe('db-copy action', () => {
  it('shows the masking box as the copy will be made: checked, fixed when required, absent without a script', () => {
    const entity = applicationWithDatabase('checkout');
    const masking = (overrides: Parameters<typeof copyConfig>[0]) => {
      const schema = actionForm(
        createDbCopyAction(config(overrides), soleClaimant),
        {
          entity,
          application: getSlipwayApplication(entity)!,
          environment: dev,
          mayForce: false,
        },
      ) as { properties: Record<string, Record<string, unknown>> };
      return schema.properties.masking;
    };
    expect(masking({})).toMatchObject({ type: 'boolean', default: true });
    expect(masking({})).not.toHaveProperty('readOnly');
    const script = { sql: 'UPDATE t SET x = 1;' };
    expect(
      masking({
        masking: { checkout: { 'checkout-db': { ...script, required: true } } },
      }),
    ).toMatchObject({ default: true, readOnly: true });
    expect(masking({ masking: {} })).toBeUndefined();
  });

  it('is unavailable, with the reason, in production, without a server, or without a postgres component', () => {
    const action = createDbCopyAction(config(), soleClaimant);
    const reason = (
      environment: SlipwayEnvironment,
      entity = applicationWithDatabase('checkout'),
    ) =>
      action.unavailableReason!({
        application: getSlipwayApplication(entity)!,
        environment,
        environments,
      });
    expect(reason(dev)).toBeUndefined();
    expect(reason(prod)).toBe(
      'PROD is a production environment: database copies go into non-production environments only',
    );
    expect(reason(staging)).toEqual({
      reason:
        'The platform team has not set up database copies for STAGING yet.',
      detail:
        'No database server in slipway.databases.servers.staging; see docs/database-copies.md',
    });
    const noDatabase = applicationWithDatabase('x');
    (noDatabase.spec as any).slipway.components = [
      { name: 'cache', type: 'redis' },
    ];
    expect(reason(dev, noDatabase)).toBe(
      'The manifest declares no postgres component to copy',
    );
    const unconfigured = createDbCopyAction(
      config({ servers: {} }),
      soleClaimant,
    );
    expect(
      unconfigured.unavailableReason!({
        application: getSlipwayApplication(applicationWithDatabase('x'))!,
        environment: dev,
        environments,
      }),
    ).toEqual({
      reason: 'The platform team has not set up database copies for PROD yet.',
      detail:
        'No database server in slipway.databases.servers.prod; see docs/database-copies.md',
    });
  });

  it('resolves the component, the time to live and masking, and records them', async () => {
    expect(await prepare({})).toEqual({
      component: 'checkout-db',
      ttlHours: 8,
      masking: true,
    });
    expect(await prepare({ ttlHours: 72, masking: false })).toEqual({
      component: 'checkout-db',
      ttlHours: 72,
      masking: false,
    });
  });

  it('refuses what it cannot do, saying which parameter is wrong', async () => {
    const two = applicationWithDatabase('checkout', 'checkout', [
      { name: 'ledger-db', type: 'postgres', database: 'ledger' },
      { name: 'cache', type: 'redis' },
    ]);
    await expect(prepare({}, two)).rejects.toThrow(
      'parameters.component: checkout has several postgres components (checkout-db, ledger-db); say which to copy',
    );
    await expect(prepare({ component: 'cache' }, two)).rejects.toThrow(
      'parameters.component: "cache" is not a postgres component of checkout (it has: checkout-db, ledger-db)',
    );
    // No masking script for ledger-db.
    await expect(
      prepare({ component: 'ledger-db', masking: true }, two),
    ).rejects.toThrow(
      'parameters.masking: no masking script is configured for ledger-db of checkout (slipway.databases.masking.checkout.ledger-db)',
    );
    const required = createDbCopyAction(
      config({
        masking: {
          checkout: { 'checkout-db': { sql: 'SELECT 1', required: true } },
        },
      }),
      soleClaimant,
    );
    await expect(
      prepare({ masking: false }, undefined, required),
    ).rejects.toThrow(
      'parameters.masking: the masking script of checkout-db is required; a copy of checkout cannot skip it',
    );
    // A manifest whose database name is not a plain name (it did not come through the manifest parser).
    await expect(
      prepare({}, applicationWithDatabase('checkout; DROP DATABASE prod')),
    ).rejects.toThrow(
      "The manifest's component checkout-db has no usable database name (a-z, 0-9, _)",
    );
  });

  it.each([
    [{ component: 'checkout-db; DROP DATABASE x' }, 'parameters.component'],
    [{ component: '../checkout-db' }, 'parameters.component'],
    [{ component: 'Checkout-DB' }, 'parameters.component'],
    [{ component: "x' OR '1'='1" }, 'parameters.component'],
    [{ ttlHours: '8; DROP ROLE postgres' }, 'parameters.ttlHours'],
    [{ ttlHours: 73 }, 'parameters.ttlHours'],
    [{ ttlHours: 0 }, 'parameters.ttlHours'],
    [{ ttlHours: 1.5 }, 'parameters.ttlHours'],
    [{ ttlHours: -8 }, 'parameters.ttlHours'],
    [{ masking: 'false' }, 'parameters.masking'],
    [{ database: 'postgres' }, 'database'],
  ])('rejects %j', (parameters, key) => {
    const parsed = createDbCopyAction(
      config(),
      soleClaimant,
    ).parameters.safeParse(parameters);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toContain(
      key.replace('parameters.', ''),
    );
  });

  it('copies only a database no other manifest declares', async () => {
    const two = applicationWithDatabase('checkout', 'checkout', [
      { name: 'ledger-db', type: 'postgres', database: 'ledger' },
    ]);
    // The index says shop declares `checkout` too; `ledger` is checkout's alone.
    const shared = createDbCopyAction(config(), database =>
      database === 'checkout' ? ['checkout', 'shop'] : ['checkout'],
    );
    const reason =
      'The manifests of checkout and shop both declare the database checkout; a database belongs to one application, so no copy is made of it until only one of them declares it';
    await expect(
      prepare({ component: 'checkout-db' }, two, shared),
    ).rejects.toThrow(reason);
    expect(
      await prepare({ component: 'ledger-db', masking: false }, two, shared),
    ).toMatchObject({ component: 'ledger-db' });
    const available = (entity = two) =>
      shared.unavailableReason!({
        application: getSlipwayApplication(entity)!,
        environment: dev,
        environments,
      });
    expect(available()).toBeUndefined();
    expect(available(applicationWithDatabase('checkout'))).toBe(reason);
  });

  it('generates names that need no quoting, fit PostgreSQL, and are checked again before use', () => {
    const runId = '1a2b3c4d-0000-4000-8000-000000000000';
    expect(copyName('checkout-api', 'checkout-db', runId)).toBe(
      'checkout_api_checkout_db_copy_1a2b3c4d',
    );
    const long = copyName('a'.repeat(63), 'b'.repeat(63), runId);
    expect(long).toHaveLength(63);
    expect(copyName('3d-viewer', 'db', runId)).toBe(
      'db_3d_viewer_db_copy_1a2b3c4d',
    );
    expect(() => copyName('x"; DROP', 'db', runId)).toThrow(
      'is not an application name',
    );
    expect(() => copyName('x', 'db', "1' OR 1=1")).toThrow('is not a run id');
    for (const name of [
      'postgres',
      'x_copy_1a2b3c4',
      'a"b_copy_1a2b3c4d',
      'x_copy_1A2B3C4D',
      `${'a'.repeat(50)}_copy_1a2b3c4d`,
    ])
      expect(() => assertCopyName(name)).toThrow('not a database copy name');
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(() => quoteLiteral('a\0b')).toThrow('NUL');
  });
});
