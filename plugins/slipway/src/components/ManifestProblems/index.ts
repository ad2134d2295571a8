export { ManifestProblemsContent } from './ManifestProblemsContent';
