export { LocalGitRepository } from './localGitRepository';
export { serviceManifest } from './manifests';
