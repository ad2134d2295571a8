import { AuditRecord } from '../types';

let counter = 0;

/** An audit record with plausible defaults; tests override what they look at. */
export function makeRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  counter += 1;
  return {
    occurredAt: new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + counter * 1000),
    plugin: 'catalog',
    eventId: 'entity-mutate',
    severity: 'medium',
    status: 'succeeded',
    operationId: `op-${counter}`,
    actor: { type: 'user', id: 'user:default/alice', ip: '10.0.0.1' },
    request: { method: 'POST', url: '/api/catalog/refresh' },
    entityRefs: ['component:default/checkout-api'],
    meta: { queryType: 'refresh', nested: { count: counter, list: [1, 'a'] } },
    ...overrides,
  };
}
