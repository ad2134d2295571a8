/**
 * Catalog module of Slipway: application manifests in a GitOps repository become catalog entities.
 *
 * @packageDocumentation
 */
export { catalogModuleSlipway as default } from './module';
