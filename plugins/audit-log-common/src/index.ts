/**
 * Permissions, types and filter helpers shared by the audit-log frontend and backend.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './types';
export * from './filters';
export * from './secretText';
