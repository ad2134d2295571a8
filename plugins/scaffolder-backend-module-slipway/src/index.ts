/**
 * Slipway's scaffolder actions: `slipway:manifest:create` adds a validated application manifest to the GitOps
 * repository, `slipway:publish:local` creates a new service's repository on a machine without a git host.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSlipway as default } from './module';
export { createManifestCreateAction } from './actions/createManifest';
export type { CreateManifestActionOptions } from './actions/createManifest';
export { createPublishLocalAction } from './actions/publishLocal';
export type { PublishLocalActionOptions } from './actions/publishLocal';
export { createPublishRepositoryAction } from './actions/publishRepository';
export type { PublishRepositoryActionOptions } from './actions/publishRepository';
export type { GitAuthor } from './actions/commitAuthor';
export type { CatalogEntityLookup } from './actions/waitForEntity';
export { LocalRepositories } from './git/LocalRepositories';
export type { LocalRepositoryLocation } from './git/LocalRepositories';
export { buildApplicationManifest } from './manifest/buildApplicationManifest';
export type { NewApplication } from './manifest/buildApplicationManifest';
