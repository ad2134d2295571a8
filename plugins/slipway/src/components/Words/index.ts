export { Token, WholeWords } from './Words';
