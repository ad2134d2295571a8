/*
 * A synthetic but realistic audit workload: mostly catalog reads, Slipway actions about applications in
 * environments, scaffolder tasks; 200 people and a few services; 2,000 components; 5 % failures; time spread over
 * the last year in order.
 */
import { AuditRecord } from '../../plugins/audit-log-backend/src/types';

const YEAR = 365 * 24 * 60 * 60 * 1000;
export const USERS = Array.from(
  { length: 200 },
  (_, i) => `user:default/person-${i}`,
);
const SERVICES = ['plugin:search', 'plugin:auth', 'plugin:scaffolder'];
export const COMPONENTS = Array.from(
  { length: 2000 },
  (_, i) => `component:default/app-${i}`,
);
const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const SLIPWAY_ACTIONS = ['restart', 'promote', 'database-copy'];

/** A small deterministic generator, so that every run measures the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function createWorkload(total: number, seed = 42) {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const start = Date.now() - YEAR;

  return (i: number): AuditRecord => {
    const occurredAt = new Date(start + Math.floor((i / total) * YEAR));
    const status =
      next() < 0.5 ? 'initiated' : next() < 0.9 ? 'succeeded' : 'failed';
    const failed = status === 'failed';
    const kind = next();
    const user = pick(USERS);
    const component = pick(COMPONENTS);
    const base = {
      occurredAt,
      status,
      operationId: `op-${Math.floor(i / 2)}`,
      ...(failed && {
        error: { name: 'Error', message: 'Upstream timed out' },
      }),
    } as const;

    if (kind < 0.6) {
      const service = next() < 0.5;
      return {
        ...base,
        plugin: 'catalog',
        eventId: 'entity-fetch',
        severity: 'low',
        actor: service
          ? { type: 'service', id: pick(SERVICES) }
          : { type: 'user', id: user, ip: '10.0.0.1' },
        request: {
          method: 'GET',
          url: `/api/catalog/entities/by-name/${component.replace(':', '/')}`,
        },
        entityRefs: [component],
        meta: { queryType: 'by-name', entityRef: component },
      };
    }
    if (kind < 0.85) {
      const environment = pick(ENVIRONMENTS);
      const action = pick(SLIPWAY_ACTIONS);
      return {
        ...base,
        plugin: 'slipway',
        eventId: action,
        severity: environment === 'prod' ? 'high' : 'medium',
        actor: {
          type: 'user',
          id: user,
          ip: '10.0.0.2',
          userAgent: 'Mozilla/5.0',
        },
        request: { method: 'POST', url: `/api/slipway/actions/${action}` },
        entityRefs: [component],
        environment,
        meta: {
          entityRef: component,
          environment,
          runId: `run-${i}`,
          parameters: { reason: 'weekly maintenance', dryRun: false },
        },
      };
    }
    if (kind < 0.95) {
      return {
        ...base,
        plugin: 'scaffolder',
        eventId: 'task',
        severity: 'medium',
        actor: { type: 'user', id: user },
        request: { method: 'POST', url: '/api/scaffolder/v2/tasks' },
        entityRefs: ['template:default/new-service'],
        meta: {
          actionType: 'create',
          templateRef: 'template:default/new-service',
        },
      };
    }
    return {
      ...base,
      plugin: 'catalog',
      eventId: 'entity-mutate',
      severity: 'medium',
      actor: { type: 'user', id: user },
      request: { method: 'POST', url: '/api/catalog/refresh' },
      entityRefs: [component],
      meta: { queryType: 'refresh', entityRef: component },
    };
  };
}
