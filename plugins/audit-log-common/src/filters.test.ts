import {
  auditEventFiltersFromSearchParams,
  auditEventFiltersToSearchParams,
} from './filters';
import { auditEventSeveritiesFrom } from './types';

describe('audit event filters in query strings', () => {
  it('round-trips every filter', () => {
    const filters = {
      actor: 'user:default/alice',
      plugin: 'catalog',
      eventId: 'entity-mutate',
      entityRef: 'component:default/checkout-api',
      environment: 'prod',
      status: 'failed' as const,
      severity: 'high' as const,
      minSeverity: 'medium' as const,
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      text: 'restart',
      operationId: '3f1c',
    };
    const params = auditEventFiltersToSearchParams(filters);
    expect(auditEventFiltersFromSearchParams(params)).toEqual(filters);
  });

  it('drops empty values and unknown statuses and severities', () => {
    const params = new URLSearchParams(
      'plugin=%20&status=exploded&severity=urgent&minSeverity=some&text=%20db%20&page=3',
    );
    expect(auditEventFiltersFromSearchParams(params)).toEqual({ text: 'db' });
  });

  it('keeps unrelated parameters of the target', () => {
    const params = new URLSearchParams('tab=activity');
    auditEventFiltersToSearchParams({ plugin: 'slipway', text: '' }, params);
    expect(params.toString()).toBe('tab=activity&plugin=slipway');
  });

  it('lists the severities from a minimum up', () => {
    expect(auditEventSeveritiesFrom('low')).toEqual([
      'low',
      'medium',
      'high',
      'critical',
    ]);
    expect(auditEventSeveritiesFrom('high')).toEqual(['high', 'critical']);
  });
});
