import { randomUUID } from 'node:crypto';
import { Entity } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import { getSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';
import {
  ActionExecutionContext,
  DatabaseCopyConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { applicationEntity } from '../../__testUtils__/entities';
import {
  memoryCheckpoints,
  recordingLog,
} from '../../__testUtils__/executionContext';
import { DatabaseClaimants, DbCopyParameters } from '../dbCopyAction';
import { testServer } from './postgres';

/** The checkout application with a postgres component `checkout-db` whose database is `database`. */
export function applicationWithDatabase(
  database: string,
  name = 'checkout',
  extra: Array<{ name: string; type: string; database?: string }> = [],
): Entity {
  const entity = applicationEntity(name);
  (entity.spec as any).slipway.components = [
    { name: 'checkout-db', type: 'postgres', database },
    ...extra,
  ];
  return entity;
}

/** Each database declared by one application only (as the GitOps repository's index answers for a clean one). */
export const soleClaimant: DatabaseClaimants = () => ['checkout'];

/** A masking script for the customers of the test source database, configured for `application`. */
export function maskingFor(application: string): DatabaseCopyConfig['masking'] {
  return {
    [application]: {
      'checkout-db': {
        sql: `UPDATE sales.customers SET email = 'customer' || id || '@masked.invalid', name = 'Customer ' || id;`,
        required: false,
      },
    },
  };
}

/** slipway.databases as read, with both environments on the test server. */
export function copyConfig(
  overrides: Partial<DatabaseCopyConfig> = {},
): DatabaseCopyConfig {
  return {
    servers: overrides.servers ?? {
      prod: testServer('prod'),
      dev: testServer('dev'),
    },
    sourceEnvironment: 'prod',
    ttl: { defaultHours: 8, maxHours: 72 },
    masking: maskingFor('checkout'),
    expiryCheckSeconds: 60,
    ...overrides,
  };
}

/** What the engine hands the db-copy executor for a run into dev; log and checkpoints in memory. */
export function copyContext(options: {
  entity: Entity;
  parameters?: DbCopyParameters;
  runId?: string;
  checkpoints?: Record<string, JsonValue>;
}) {
  const lines: string[] = [];
  const checkpoints: Record<string, JsonValue> = { ...options.checkpoints };
  const controller = new AbortController();
  const ctx: ActionExecutionContext<DbCopyParameters> = {
    run: {
      id: options.runId ?? randomUUID(),
      action: 'db-copy',
      entityRef: 'component:default/checkout',
      environment: 'dev',
      parameters: options.parameters ?? {
        component: 'checkout-db',
        ttlHours: 8,
        masking: false,
      },
      requester: 'user:default/alice',
      attempt: 1,
    },
    entity: options.entity,
    application: getSlipwayApplication(options.entity)!,
    environment: {
      name: 'dev',
      title: 'Development',
      production: false,
      order: 0,
      links: [],
      actions: {},
      approval: { required: false, expiresAfterHours: 24, notify: [] },
    },
    templateContext: {
      app: {
        name: 'checkout',
        system: 'payments',
        owner: 'group:default/payments',
        type: 'service',
        labels: {},
      },
      env: { name: 'dev', namespace: 'checkout-dev' },
    },
    log: recordingLog(lines),
    checkpoint: memoryCheckpoints(checkpoints),
    signal: controller.signal,
  };
  return { ctx, lines, checkpoints, controller };
}
