/* Writes schemas/manifest.v1alpha1.json from the zod schema: `yarn workspace @slipway/backstage-plugin-slipway-common generate:schema`. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  manifestJsonSchema,
  MANIFEST_JSON_SCHEMA_FILE,
} from '../src/manifest/jsonSchema';

const target = resolve(__dirname, '..', MANIFEST_JSON_SCHEMA_FILE);
writeFileSync(target, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
