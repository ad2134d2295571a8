import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Redactor } from '../redaction/Redactor';
import { DefaultAuditLogRecorder } from './AuditLogRecorder';
import { PersistentAuditorService } from './PersistentAuditorService';
import { readSeverityLogLevels } from './severityLogLevels';

function setup(config = {}) {
  const logger = mockServices.logger.mock();
  const auditLogger = mockServices.logger.mock();
  logger.child.mockReturnValue(auditLogger);
  const failureLogger = mockServices.logger.mock();
  auditLogger.child.mockReturnValue(failureLogger);
  const recorder = new DefaultAuditLogRecorder({ redactor: new Redactor() });
  const append = jest.fn().mockResolvedValue(1);
  recorder.attachStore({ append } as any);
  const auditor = new PersistentAuditorService({
    pluginId: 'probe',
    auth: mockServices.auth({ pluginId: 'probe' }),
    httpAuth: mockServices.httpAuth({ pluginId: 'probe' }),
    logger,
    severityLogLevels: readSeverityLogLevels(new ConfigReader(config)),
    recorder,
  });
  return { auditor, logger, auditLogger, failureLogger, append };
}

describe('PersistentAuditorService', () => {
  it('logs like the default auditor, at the configured levels, and stores both records', async () => {
    const { auditor, logger, auditLogger, append } = setup({
      backend: { auditor: { severityLogLevelMappings: { medium: 'warn' } } },
    });
    const event = await auditor.createEvent({
      eventId: 'sync',
      severityLevel: 'medium',
      meta: { password: 'hunter2', n: 1 },
    });
    await event.success({ meta: { done: true } });

    expect(logger.child).toHaveBeenCalledWith({ isAuditEvent: true });
    expect(auditLogger.warn).toHaveBeenCalledTimes(2);
    expect(auditLogger.warn).toHaveBeenLastCalledWith('probe.sync', {
      plugin: 'probe',
      eventId: 'sync',
      severityLevel: 'medium',
      actor: { actorId: 'plugin:probe' },
      request: undefined,
      meta: { password: '[REDACTED]', n: 1, done: true },
      status: 'succeeded',
    });
    const [initiated, succeeded] = append.mock.calls.map(([record]) => record);
    expect(initiated).toMatchObject({
      status: 'initiated',
      actor: { type: 'service', id: 'plugin:probe' },
    });
    expect(succeeded.operationId).toBe(initiated.operationId);
  });

  it('logs failures with the redacted error and the user from the request', async () => {
    const { auditor, failureLogger, append } = setup();
    const request = {
      method: 'POST',
      originalUrl: '/api/probe/act',
      ip: '10.0.0.9',
      hostname: 'portal',
      get: (name: string) => (name === 'user-agent' ? 'curl' : undefined),
      headers: {
        authorization: mockCredentials.user.header('user:default/alice'),
      },
    } as any;
    const event = await auditor.createEvent({ eventId: 'act', request });
    await event.fail({ error: new Error('denied for Bearer abcdefghijkl') });

    // Severity low (the default) logs at debug, as in Backstage.
    const logged = failureLogger.debug.mock.calls[0];
    expect(logged[0]).toBe('probe.act');
    expect((logged[1] as Error).message).toBe('denied for [REDACTED]');
    expect((logged[1] as Error).stack).not.toContain('abcdefghijkl');
    expect(append.mock.calls[1][0]).toMatchObject({
      status: 'failed',
      actor: {
        type: 'user',
        id: 'user:default/alice',
        ip: '10.0.0.9',
        hostname: 'portal',
        userAgent: 'curl',
      },
      request: { method: 'POST', url: '/api/probe/act' },
      error: { name: 'Error', message: 'denied for [REDACTED]' },
    });
  });

  it('rejects an invalid log level mapping at startup', () => {
    expect(() =>
      readSeverityLogLevels(
        new ConfigReader({
          backend: { auditor: { severityLogLevelMappings: { low: 'loud' } } },
        }),
      ),
    ).toThrow(
      "'backend.auditor.severityLogLevelMappings.low' was given an invalid value: 'loud'",
    );
  });
});
