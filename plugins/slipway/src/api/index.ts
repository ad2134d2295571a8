export { slipwayApiRef } from './SlipwayApi';
export type {
  SlipwayApi,
  ManifestReport,
  EntityName,
  RunRequest,
  RunQuery,
} from './SlipwayApi';
export { SlipwayClient } from './SlipwayClient';
export { databaseCopyApiRef, DatabaseCopyClient } from './DatabaseCopyClient';
export type { DatabaseCopyApi, DatabaseCopy } from './DatabaseCopyClient';
