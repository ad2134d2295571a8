export * from './templates';
export * from './readSlipwayConfig';
export * from './readDatabaseCopyConfig';
