import { AuditEvent } from '@slipway/backstage-plugin-audit-log-common';

/** An event as the API returns it; tests override what they look at. */
export function makeEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq: 1,
    occurredAt: '2026-05-04T10:15:30.000Z',
    plugin: 'catalog',
    eventId: 'entity-mutate',
    severity: 'medium',
    status: 'succeeded',
    operationId: 'op-1',
    actor: { type: 'user', id: 'user:default/alice', ip: '10.0.0.1' },
    request: { method: 'POST', url: '/api/catalog/refresh' },
    entityRefs: ['component:default/checkout-api'],
    meta: { queryType: 'refresh' },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
    ...overrides,
  };
}
