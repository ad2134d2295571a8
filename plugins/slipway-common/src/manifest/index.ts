export * from './schema';
export * from './problems';
export { parseManifest, tooLarge, MANIFEST_LIMITS } from './parseManifest';
export type {
  ManifestParseResult,
  ParsedManifest,
  ParseManifestOptions,
} from './parseManifest';
export { checkManifestSet } from './checkManifestSet';
export type { ManifestSet } from './checkManifestSet';
export * from './jsonSchema';
export { DNS_LABEL, VERSION as MANIFEST_VERSION } from './patterns';
