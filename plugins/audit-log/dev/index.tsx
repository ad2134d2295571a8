import { createDevApp } from '@backstage/dev-utils';
import { auditLogPlugin, AuditLogPage } from '../src/plugin';

createDevApp()
  .registerPlugin(auditLogPlugin)
  .addPage({
    element: <AuditLogPage />,
    title: 'Root Page',
    path: '/audit-log',
  })
  .render();
