export { ChainVerificationStatus } from './ChainVerificationStatus';
