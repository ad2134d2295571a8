import { AuditLogApi } from '../api';

/** An audit-log API that has nothing to show; tests set what they look at. */
export function mockAuditLogApi(): jest.Mocked<AuditLogApi> {
  return {
    listEvents: jest.fn().mockResolvedValue({ items: [] }),
    getEvent: jest.fn(),
    exportEvents: jest.fn(),
    getSuggestions: jest.fn().mockResolvedValue({ actors: [], actions: [] }),
    getLatestVerification: jest.fn().mockResolvedValue(undefined),
    verifyChain: jest.fn(),
  };
}
