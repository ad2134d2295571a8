export { MyApplicationsContent } from './MyApplicationsContent';
export { WaitingForMeContent } from './WaitingForMeContent';
export { MyRecentRunsContent } from './MyRecentRunsContent';
export { QuickLinksContent, DEFAULT_QUICK_LINKS } from './QuickLinksContent';
export type { QuickLink } from './QuickLinksContent';
