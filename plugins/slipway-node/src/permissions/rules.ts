import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { slipwayActionResourceRef } from './resource';

const lower = (values: string[]) =>
  values.map(v => v.toLocaleLowerCase('en-US'));

/** The application is owned by one of the claims (pass the user's ownership refs: themselves and their groups). @public */
export const isApplicationOwner = createPermissionRule({
  name: 'IS_APPLICATION_OWNER',
  description:
    'Allow when the application is owned by any of the given users or groups',
  resourceRef: slipwayActionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Full refs of users or groups, e.g. group:default/payments'),
  }),
  apply: (resource, { claims }) => {
    const owners = new Set(resource.ownerRefs);
    return lower(claims).some(claim => owners.has(claim));
  },
  toQuery: params => ({ rule: 'IS_APPLICATION_OWNER', params }),
});

/** The environment is one of these. @public */
export const isEnvironment = createPermissionRule({
  name: 'IS_ENVIRONMENT',
  description: 'Allow in the given environments',
  resourceRef: slipwayActionResourceRef,
  paramsSchema: z.object({
    environments: z
      .array(z.string())
      .describe('Environment names, e.g. dev, staging'),
  }),
  apply: (resource, { environments }) =>
    environments.includes(resource.environment),
  toQuery: params => ({ rule: 'IS_ENVIRONMENT', params }),
});

/** The environment is configured as production. @public */
export const isProductionEnvironment = createPermissionRule({
  name: 'IS_PRODUCTION_ENVIRONMENT',
  description: 'Allow in environments configured as production',
  resourceRef: slipwayActionResourceRef,
  apply: resource => resource.production,
  toQuery: () => ({ rule: 'IS_PRODUCTION_ENVIRONMENT' }),
});

/** The action is one of these. @public */
export const isAction = createPermissionRule({
  name: 'IS_ACTION',
  description: 'Allow for the given actions',
  resourceRef: slipwayActionResourceRef,
  paramsSchema: z.object({
    actions: z.array(z.string()).describe('Action ids, e.g. restart, promote'),
  }),
  apply: (resource, { actions }) => actions.includes(resource.action),
  toQuery: params => ({ rule: 'IS_ACTION', params }),
});

/** @public */
export const slipwayActionRules = {
  isApplicationOwner,
  isEnvironment,
  isProductionEnvironment,
  isAction,
};
