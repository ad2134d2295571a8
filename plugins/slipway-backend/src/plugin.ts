import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readSlipwayConfig } from '@slipway/backstage-plugin-slipway-node';
import { ApplicationCatalog } from './catalog/ApplicationCatalog';
import { createRouter } from './router';
import { EnvironmentStatusService } from './status/EnvironmentStatusService';

/**
 * Slipway's backend: each application's environments (desired and live state, links) and the self-service actions.
 *
 * @public
 */
export const slipwayPlugin = createBackendPlugin({
  pluginId: 'slipway',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({ config, httpAuth, httpRouter, catalog }) {
        const slipwayConfig = readSlipwayConfig(config);
        httpRouter.use(
          await createRouter({
            httpAuth,
            applications: new ApplicationCatalog(catalog),
            status: new EnvironmentStatusService(slipwayConfig),
          }),
        );
      },
    });
  },
});
