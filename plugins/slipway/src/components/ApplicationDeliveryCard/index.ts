export { ApplicationDeliveryCard } from './ApplicationDeliveryCard';
