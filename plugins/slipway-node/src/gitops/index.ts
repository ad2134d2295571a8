export * from './types';
export { GitCli } from './GitCli';
export type { GitCredentials } from './GitCli';
export { credentialsForUrl } from './credentials';
export { readManifestDirectory } from './readManifestDirectory';
export {
  setManifestValue,
  getManifestValue,
  removeManifestValue,
} from './editManifest';
export { GitRepository } from './GitRepository';
export { DirectoryRepository } from './DirectoryRepository';
export { GitHubPullRequestWriter } from './GitHubPullRequestWriter';
export { createGitOpsRepository } from './createGitOpsRepository';
export { publicRepositoryUrl } from './gitUrls';
export {
  applicationSpecOf,
  manifestRef,
  manifestTemplateContext,
} from './applicationSpec';
export { ManifestIndex } from './ManifestIndex';
export type { IndexedApplication } from './ManifestIndex';
export { slipwayGitOpsServiceRef } from './gitopsServiceRef';
export type { SlipwayGitOpsService } from './gitopsServiceRef';
