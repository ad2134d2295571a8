export { auditLogPlugin as default } from './plugin';
