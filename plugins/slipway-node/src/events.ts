/**
 * The events topic Slipway publishes after it changed the GitOps repository (a promote, a new application), with
 * `{ revision, paths }` as payload. The catalog module reads the repository at once when it hears one.
 *
 * @public
 */
export const SLIPWAY_GITOPS_CHANGED_TOPIC = 'slipway.gitops.changed';
