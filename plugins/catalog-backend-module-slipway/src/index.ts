/***/
/**
 * The slipway backend module for the catalog plugin.
 *
 * @packageDocumentation
 */

export { catalogModuleSlipway as default } from './module';
