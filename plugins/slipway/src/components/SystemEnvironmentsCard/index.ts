export { SystemEnvironmentsCard } from './SystemEnvironmentsCard';
export { ApplicationsMatrix } from './ApplicationsMatrix';
