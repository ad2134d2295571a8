export { ApplicationComponentsCard } from './ApplicationComponentsCard';
