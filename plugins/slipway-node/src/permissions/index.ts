export * from './resource';
export * from './rules';
export * from './conditions';
