import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource the action permissions are checked on: one action on one application in one environment. Its
 * reference is `<action>:<environment>:<entity ref>`, e.g. `restart:prod:component:default/checkout-api`, so that a
 * policy can decide by owner, by environment and by action (see the rules in slipway-node).
 *
 * @public
 */
export const SLIPWAY_ACTION_RESOURCE_TYPE = 'slipway-action';

/** Run an action (restart, promote, …) on an application in an environment. @public */
export const slipwayActionExecutePermission = createPermission({
  name: 'slipway.action.execute',
  attributes: { action: 'update' },
  resourceType: SLIPWAY_ACTION_RESOURCE_TYPE,
});

/** Override a safety check of an action, e.g. promote from an environment Argo CD reports unhealthy. @public */
export const slipwayActionForcePermission = createPermission({
  name: 'slipway.action.force',
  attributes: { action: 'update' },
  resourceType: SLIPWAY_ACTION_RESOURCE_TYPE,
});

/** Approve or reject someone else's run that waits for approval. @public */
export const slipwayRunApprovePermission = createPermission({
  name: 'slipway.run.approve',
  attributes: { action: 'update' },
  resourceType: SLIPWAY_ACTION_RESOURCE_TYPE,
});

/**
 * Publish platform news (Platform → News): stored, listed on the home page and sent to everyone as a notification.
 * Not about a resource: a policy decides by who asks. @public
 */
export const slipwayNewsPublishPermission = createPermission({
  name: 'slipway.news.publish',
  attributes: { action: 'create' },
});

/**
 * Read what developers told the platform team (Platform → Feedback): runs' ratings and comments, and notes. Sending a
 * note needs no permission. @public
 */
export const slipwayFeedbackReadPermission = createPermission({
  name: 'slipway.feedback.read',
  attributes: { action: 'read' },
});

/**
 * See Insights across every application (Platform → Insights). Without it, a person sees their teams' applications'
 * figures: the permission widens the view, it does not open the page. @public
 */
export const slipwayInsightsAllPermission = createPermission({
  name: 'slipway.insights.all',
  attributes: { action: 'read' },
});

/** Every Slipway permission on actions (the `slipway-action` resource type). @public */
export const slipwayPermissions = [
  slipwayActionExecutePermission,
  slipwayActionForcePermission,
  slipwayRunApprovePermission,
];

/** The three parts of a Slipway action resource. @public */
export interface SlipwayActionTarget {
  action: string;
  environment: string;
  entityRef: string;
}

/** `restart:prod:component:default/checkout-api`. @public */
export function stringifySlipwayActionRef(target: SlipwayActionTarget): string {
  return `${target.action}:${target.environment}:${target.entityRef}`;
}

/** Parses a reference made by stringifySlipwayActionRef; undefined when it is not one. @public */
export function parseSlipwayActionRef(
  ref: string,
): SlipwayActionTarget | undefined {
  const match =
    /^([a-z0-9][-a-z0-9]*):([a-z0-9][-a-z0-9]*):([a-z0-9-_.]+:[^:]+)$/i.exec(
      ref,
    );
  return match
    ? { action: match[1], environment: match[2], entityRef: match[3] }
    : undefined;
}
