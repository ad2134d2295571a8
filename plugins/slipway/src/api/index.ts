export { slipwayApiRef } from './SlipwayApi';
export type { SlipwayApi, ManifestReport, EntityName } from './SlipwayApi';
export { SlipwayClient } from './SlipwayClient';
