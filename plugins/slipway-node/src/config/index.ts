export * from './templates';
export * from './readSlipwayConfig';
