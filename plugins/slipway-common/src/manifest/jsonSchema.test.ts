import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { manifestJsonSchema, MANIFEST_JSON_SCHEMA_FILE } from './jsonSchema';

describe('manifestJsonSchema', () => {
  it('matches the published file (regenerate with `yarn workspace @slipway/backstage-plugin-slipway-common generate:schema`)', () => {
    const published = JSON.parse(
      readFileSync(
        resolve(__dirname, '../..', MANIFEST_JSON_SCHEMA_FILE),
        'utf8',
      ),
    );
    expect(published).toEqual(manifestJsonSchema());
  });

  it('describes all three application types and systems', () => {
    const text = JSON.stringify(manifestJsonSchema());
    for (const word of [
      '"service"',
      '"vendor"',
      '"etl"',
      '"System"',
      '"Application"',
    ]) {
      expect(text).toContain(word);
    }
  });
});
