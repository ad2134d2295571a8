import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { auditLogEventResourceRef } from './resourceRef';

const lower = (values: string[]) =>
  values.map(v => v.toLocaleLowerCase('en-US'));

/**
 * Events about an entity owned by one of the claims: pass the reader's ownership entity refs (their user ref and
 * their groups) to let owners read the events about what they own.
 *
 * @public
 */
export const isAboutEntityOwnedBy = createPermissionRule({
  name: 'IS_ABOUT_ENTITY_OWNED_BY',
  description:
    'Allow events about entities owned by any of the given users or groups',
  resourceRef: auditLogEventResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Full refs of users or groups, e.g. group:default/payments'),
  }),
  apply: (event, { claims }) => {
    const owners = new Set(lower(claims));
    return event.entityOwnerRefs.some(ref =>
      owners.has(ref.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ claims }) => ({
    kind: 'aboutEntitiesOwnedBy',
    claims: lower(claims),
  }),
});

/**
 * Events about any of the given entities.
 *
 * @public
 */
export const isAboutEntity = createPermissionRule({
  name: 'IS_ABOUT_ENTITY',
  description: 'Allow events about any of the given entities',
  resourceRef: auditLogEventResourceRef,
  paramsSchema: z.object({
    entityRefs: z
      .array(z.string())
      .describe('Full entity refs, e.g. component:default/checkout-api'),
  }),
  apply: (event, { entityRefs }) => {
    const refs = new Set(lower(entityRefs));
    return event.entityRefs.some(ref => refs.has(ref));
  },
  toQuery: ({ entityRefs }) => ({
    kind: 'aboutEntities',
    entityRefs: lower(entityRefs),
  }),
});

/**
 * Events emitted by any of the given plugins.
 *
 * @public
 */
export const isFromPlugin = createPermissionRule({
  name: 'IS_FROM_PLUGIN',
  description: 'Allow events emitted by any of the given plugins',
  resourceRef: auditLogEventResourceRef,
  paramsSchema: z.object({
    pluginIds: z.array(z.string()).describe('Plugin ids, e.g. slipway'),
  }),
  apply: (event, { pluginIds }) => pluginIds.includes(event.plugin),
  toQuery: ({ pluginIds }) => ({ kind: 'fromPlugins', pluginIds }),
});

/**
 * Events caused by any of the given actors, e.g. the reader's own actions.
 *
 * @public
 */
export const isByActor = createPermissionRule({
  name: 'IS_BY_ACTOR',
  description: 'Allow events caused by any of the given users or services',
  resourceRef: auditLogEventResourceRef,
  paramsSchema: z.object({
    actorIds: z
      .array(z.string())
      .describe(
        'User entity refs or service subjects, e.g. user:default/alice',
      ),
  }),
  apply: (event, { actorIds }) =>
    event.actor.id !== undefined && actorIds.includes(event.actor.id),
  toQuery: ({ actorIds }) => ({ kind: 'byActors', actorIds }),
});

/**
 * Every rule of the `audit-log-event` resource type.
 *
 * @public
 */
export const auditLogEventPermissionRules = {
  isAboutEntityOwnedBy,
  isAboutEntity,
  isFromPlugin,
  isByActor,
};
