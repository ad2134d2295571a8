export { PlatformTab } from './PlatformTab';
