import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { SlipwayActionsExtensionPoint } from './types';

/**
 * Add actions and executors to Slipway from a backend module:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'slipway',
 *   moduleId: 'my-restart',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { actions: slipwayActionsExtensionPoint },
 *       async init({ actions }) {
 *         actions.addExecutor({ id: 'nomad', action: 'restart', execute: async ctx => ({ summary: 'Restarted' }) });
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const slipwayActionsExtensionPoint =
  createExtensionPoint<SlipwayActionsExtensionPoint>({
    id: 'slipway.actions',
  });
