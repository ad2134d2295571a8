export { DatabaseCopiesCard } from './DatabaseCopiesCard';
