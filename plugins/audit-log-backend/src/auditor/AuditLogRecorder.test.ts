import { Redactor } from '../redaction/Redactor';
import { AuditEventStore } from '../store/AuditEventStore';
import {
  DefaultAuditLogRecorder,
  ReportedAuditEvent,
} from './AuditLogRecorder';

const reported: ReportedAuditEvent = {
  occurredAt: new Date('2026-05-04T10:00:00Z'),
  plugin: 'slipway',
  eventId: 'restart',
  severity: 'high',
  status: 'failed',
  operationId: 'op-1',
  actor: {
    type: 'user',
    id: 'user:default/alice',
    userAgent: 'curl Bearer abcdefghijkl',
  },
  request: { method: 'POST', url: '/api/slipway/restart?token=t0k3n' },
  meta: {
    entityRef: 'Component:default/Checkout-API',
    environment: 'prod',
    apiKey: 'k',
  },
  error: new Error('failed with Bearer abcdefghijkl'),
};

function storeMock() {
  return {
    append: jest.fn().mockResolvedValue(1),
  } as unknown as jest.Mocked<AuditEventStore>;
}

describe('DefaultAuditLogRecorder', () => {
  it('prepares a redacted record with what the event is about', () => {
    const recorder = new DefaultAuditLogRecorder({ redactor: new Redactor() });
    expect(recorder.prepare(reported)).toEqual({
      occurredAt: reported.occurredAt,
      plugin: 'slipway',
      eventId: 'restart',
      severity: 'high',
      status: 'failed',
      operationId: 'op-1',
      actor: {
        type: 'user',
        id: 'user:default/alice',
        userAgent: 'curl [REDACTED]',
      },
      request: {
        method: 'POST',
        url: '/api/slipway/restart?token=%5BREDACTED%5D',
      },
      entityRefs: ['component:default/checkout-api'],
      environment: 'prod',
      error: { name: 'Error', message: 'failed with [REDACTED]' },
      meta: {
        entityRef: 'Component:default/Checkout-API',
        environment: 'prod',
        apiKey: '[REDACTED]',
      },
    });
  });

  it('waits for the store, then appends', async () => {
    const recorder = new DefaultAuditLogRecorder({ redactor: new Redactor() });
    const store = storeMock();
    const recorded = recorder.record(recorder.prepare(reported));
    await new Promise(resolve => setTimeout(resolve, 10));
    recorder.attachStore(store);
    await recorded;
    expect(store.append).toHaveBeenCalledTimes(1);
  });

  it('stores nothing for excluded events, and fails when no store ever comes', async () => {
    const recorder = new DefaultAuditLogRecorder({
      redactor: new Redactor(),
      exclude: [
        { plugin: 'catalog', eventId: 'entity-fetch' },
        { plugin: 'search' },
      ],
    });
    const prepare = (plugin: string, eventId: string) =>
      recorder.prepare({ ...reported, plugin, eventId });
    recorder.onBackendStarted();
    await expect(
      recorder.record(prepare('catalog', 'entity-fetch')),
    ).resolves.toBeUndefined();
    await expect(
      recorder.record(prepare('search', 'query')),
    ).resolves.toBeUndefined();
    await expect(
      recorder.record(prepare('catalog', 'entity-mutate')),
    ).rejects.toThrow(
      'Audit events cannot be stored: the audit-log backend plugin',
    );
  });
});
