export { InsightsContent } from './InsightsContent';
