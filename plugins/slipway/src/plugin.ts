import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';

import { rootRouteRef } from './routes';

export const slipwayPlugin = createPlugin({
  id: 'slipway',
  routes: {
    root: rootRouteRef,
  },
});

export const SlipwayPage = slipwayPlugin.provide(
  createRoutableExtension({
    name: 'SlipwayPage',
    component: () =>
      import('./components/ExampleComponent').then(m => m.ExampleComponent),
    mountPoint: rootRouteRef,
  }),
);
