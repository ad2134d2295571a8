/* Writes schemas/manifest.v1alpha1.json from the zod schema: `yarn workspace @slipway/backstage-plugin-slipway-common generate:schema`. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import prettier from 'prettier';
import {
  manifestJsonSchema,
  MANIFEST_JSON_SCHEMA_FILE,
} from '../src/manifest/jsonSchema';

async function main() {
  const target = resolve(__dirname, '..', MANIFEST_JSON_SCHEMA_FILE);
  const source = `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
  // Formatted as the repository's prettier:check expects, so a regenerated schema never fails CI's formatting step.
  const options = (await prettier.resolveConfig(target)) ?? {};
  writeFileSync(
    target,
    await prettier.format(source, { ...options, filepath: target }),
  );
  process.stdout.write(`wrote ${target}\n`);
}

main();
