/*
 * A minimal backend for working on the audit-log plugin alone: `yarn start` in this package.
 * Authentication is mocked, so the API answers without a token:
 *
 *   curl 'http://localhost:7007/api/audit-log/events?limit=5'
 *   curl -X POST http://localhost:7007/api/audit-log/verification
 *
 * Every request to the mocked catalog below is audited, so calling it fills the log:
 *
 *   curl http://localhost:7007/api/catalog/entities/by-name/component/default/sample
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { auditLogAuditorServiceFactory } from '../src';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(auditLogAuditorServiceFactory);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('../src'));

backend.start();
