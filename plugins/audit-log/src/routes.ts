import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({
  id: 'audit-log',
});

export const entityContentRouteRef = createRouteRef({
  id: 'audit-log:entity-content',
});
