/**
 * Slipway's frontend: each application's Platform tab, a system's environments matrix, and the Platform page.
 *
 * @packageDocumentation
 */
export {
  slipwayPlugin,
  SlipwayPage,
  EntitySlipwayPlatformContent,
  EntitySlipwaySystemEnvironmentsCard,
  SlipwayMyApplicationsHomeCard,
  SlipwayWaitingForMeHomeCard,
  SlipwayMyRecentRunsHomeCard,
  SlipwayQuickLinksHomeCard,
  SlipwayPlatformNewsHomeCard,
  SlipwayPlatformNoteHomeCard,
} from './plugin';
export type { QuickLink } from './components/Home/QuickLinksContent';
export { slipwayApiRef, SlipwayClient } from './api';
export type {
  SlipwayApi,
  ManifestReport,
  EntityName,
  RunRequest,
  RunQuery,
} from './api';
export type { BackendDeps } from './api/requestJson';
export { isSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';
