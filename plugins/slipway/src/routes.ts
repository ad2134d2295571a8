import { createRouteRef } from '@backstage/core-plugin-api';

/** The Slipway page (manifest problems, runs, approvals). */
export const rootRouteRef = createRouteRef({ id: 'slipway' });
