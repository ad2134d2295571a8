export { NewsContent } from './NewsContent';
export { PlatformNewsHomeContent } from './PlatformNewsHomeContent';
