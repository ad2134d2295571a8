import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { spec } from './openapi.generated';

describe('openapi.generated.ts', () => {
  it('matches openapi.yaml (regenerate with `yarn generate:openapi` in this package)', () => {
    const yaml = parse(
      readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(JSON.parse(JSON.stringify(spec))).toEqual(yaml);
  });
});
