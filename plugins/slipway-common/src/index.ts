/**
 * Slipway's shared model: the application manifest (schema, parser, problems), the types of the Slipway API and the
 * permissions, for the frontend, the backend and the command line alike.
 *
 * @packageDocumentation
 */
export * from './manifest';
export * from './catalog';
export * from './api';
export * from './permissions';
