import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  databaseCopyApiRef,
  DatabaseCopyClient,
  slipwayApiRef,
  SlipwayClient,
} from './api';
import { rootRouteRef } from './routes';

/** Slipway's frontend plugin. @public */
export const slipwayPlugin = createPlugin({
  id: 'slipway',
  apis: [
    createApiFactory({
      api: slipwayApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SlipwayClient(deps),
    }),
    createApiFactory({
      api: databaseCopyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DatabaseCopyClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The Platform page: manifest problems, and (with the actions) runs and approvals. @public */
export const SlipwayPage = slipwayPlugin.provide(
  createRoutableExtension({
    name: 'SlipwayPage',
    component: () =>
      import('./components/SlipwayPage').then(m => m.SlipwayPage),
    mountPoint: rootRouteRef,
  }),
);

/** The Platform tab of an application's entity page. Show it `if={isSlipwayApplication}`. @public */
export const EntitySlipwayPlatformContent = slipwayPlugin.provide(
  createComponentExtension({
    name: 'EntitySlipwayPlatformContent',
    component: {
      lazy: () => import('./components/PlatformTab').then(m => m.PlatformTab),
    },
  }),
);

/** A system's applications × environments matrix, for the system's entity page. @public */
export const EntitySlipwaySystemEnvironmentsCard = slipwayPlugin.provide(
  createComponentExtension({
    name: 'EntitySlipwaySystemEnvironmentsCard',
    component: {
      lazy: () =>
        import('./components/SystemEnvironmentsCard').then(
          m => m.SystemEnvironmentsCard,
        ),
    },
  }),
);
