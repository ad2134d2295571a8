export { slipwayPlugin, SlipwayPage } from './plugin';
