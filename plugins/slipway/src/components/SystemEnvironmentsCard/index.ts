export { SystemEnvironmentsCard } from './SystemEnvironmentsCard';
