export { FeedbackContent } from './FeedbackContent';
export { PlatformNoteHomeContent } from './PlatformNoteHomeContent';
