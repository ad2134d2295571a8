export { SlipwaySignInPage } from './SlipwaySignInPage';
