export { SlipwayPage } from './SlipwayPage';
