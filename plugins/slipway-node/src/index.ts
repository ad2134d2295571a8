/**
 * Node.js library of Slipway: its configuration (environments, Argo CD, the GitOps repository), reading and changing
 * the GitOps repository, and the extension points through which backend modules add to Slipway.
 *
 * @packageDocumentation
 */
export * from './config';
export * from './gitops';
export * from './events';
export * from './permissions';
export * from './actions';
