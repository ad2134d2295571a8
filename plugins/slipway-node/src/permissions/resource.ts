import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { SLIPWAY_ACTION_RESOURCE_TYPE } from '@slipway/backstage-plugin-slipway-common';

/**
 * What the action permission rules look at: the application, its owners, the environment (and whether it is
 * production) and the action.
 *
 * @public
 */
export interface SlipwayActionResource {
  entityRef: string;
  /** Full refs of the application's owners (its `ownedBy` relations), lower case. */
  ownerRefs: string[];
  action: string;
  environment: string;
  production: boolean;
}

/** Actions are checked one at a time, never listed through a query, so the query form only names the rule. @public */
export type SlipwayActionQuery = { rule: string; params?: unknown };

/** @public */
export const slipwayActionResourceRef = createPermissionResourceRef<
  SlipwayActionResource,
  SlipwayActionQuery
>().with({ pluginId: 'slipway', resourceType: SLIPWAY_ACTION_RESOURCE_TYPE });
