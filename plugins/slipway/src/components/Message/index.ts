export { Message } from './Message';
