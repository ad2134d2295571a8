export { LocalGitRepository } from './localGitRepository';
export { serviceManifest } from './manifests';
export { applicationEntity } from './entities';
export { TestGitOps } from './testGitOps';
