export { slipwayPlugin as default } from './plugin';
