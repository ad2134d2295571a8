import { createDevApp } from '@backstage/dev-utils';
import { auditLogPlugin, AuditLogPage } from '../src/plugin';

// Runs the page against a backend on localhost:7007 (e.g. the audit-log-backend's dev backend).
createDevApp()
  .registerPlugin(auditLogPlugin)
  .addPage({
    element: <AuditLogPage />,
    title: 'Audit log',
    path: '/audit-log',
  })
  .render();
