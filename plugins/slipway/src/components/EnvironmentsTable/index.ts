export { EnvironmentsTable, RelativeTime } from './EnvironmentsTable';
