import { z } from 'zod';
import { manifestSchema } from './schema';

/** Where the generated JSON Schema is published in this repository. @public */
export const MANIFEST_JSON_SCHEMA_FILE = 'schemas/manifest.v1alpha1.json';

/**
 * The manifest's JSON Schema, generated from the zod schema, for editors (`# yaml-language-server: $schema=…`).
 * The zod schema stays the authority: rules across fields (a postgres component needs `database`, secret-looking
 * `env` names) are only checked by the parser and `slipway lint`.
 *
 * @public
 */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(manifestSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    ...schema,
    $id: 'https://slipway.dev/schemas/manifest.v1alpha1.json',
    title: 'Slipway manifest (slipway.dev/v1alpha1)',
    description:
      'An Application (service, vendor or etl) or a System in a Slipway GitOps repository. See docs/manifest.md.',
  };
}
