export { LocalGitRepository } from './localGitRepository';
export { serviceManifest } from './manifests';
export { applicationEntity } from './entities';
export { TestGitOps } from './testGitOps';
// The types the helpers' signatures use, so that a test can name them from this entry point too.
export type { SlipwayEnvironment, Template, TemplateContext } from '../config';
export type {
  GitOpsChange,
  GitOpsChangeResult,
  GitOpsCommit,
  GitOpsCommitPage,
  GitOpsFileRevision,
  GitOpsRepository,
  GitOpsSnapshot,
  IndexedApplication,
  ManifestIndex,
  SlipwayGitOpsService,
} from '../gitops';
