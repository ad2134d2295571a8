export { HealthLabel, SyncLabel } from './LiveStateLabel';
