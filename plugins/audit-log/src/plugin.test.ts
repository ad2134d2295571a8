import { auditLogPlugin } from './plugin';

describe('audit-log', () => {
  it('should export plugin', () => {
    expect(auditLogPlugin).toBeDefined();
  });
});
