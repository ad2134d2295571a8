import {
  getManifestValue,
  removeManifestValue,
  setManifestValue,
} from './editManifest';

const manifest = `# The checkout service
apiVersion: slipway.dev/v1alpha1
kind: Application
metadata:
  name: checkout-api
  tags: [java, payments]
spec:
  environments:
    dev: { version: 1.4.2 } # newest
    staging:
      version: "1.4.1"
    prod:
      version: '1.3.9'
      replicas: 3
  secrets:
    - env: X
      from:
        { store: vault, name: a/b }
`;

const changedLines = (before: string, after: string) => {
  const a = before.split('\n');
  return after.split('\n').filter((line, i) => line !== a[i]);
};

describe('setManifestValue', () => {
  it('changes only the value, keeping its quotes, comments and every other line', () => {
    const plain = setManifestValue(
      manifest,
      ['spec', 'environments', 'dev', 'version'],
      '1.5.0',
    );
    expect(changedLines(manifest, plain)).toEqual([
      '    dev: { version: 1.5.0 } # newest',
    ]);
    const double = setManifestValue(
      manifest,
      ['spec', 'environments', 'staging', 'version'],
      '1.4.2',
    );
    expect(changedLines(manifest, double)).toEqual(['      version: "1.4.2"']);
    const single = setManifestValue(
      manifest,
      ['spec', 'environments', 'prod', 'version'],
      "1.4.1-it's",
    );
    expect(changedLines(manifest, single)).toEqual([
      "      version: '1.4.1-it''s'",
    ]);
  });

  it('quotes a plain value that YAML would read as something else', () => {
    const next = setManifestValue(
      manifest,
      ['spec', 'environments', 'dev', 'version'],
      '1.10',
    );
    expect(changedLines(manifest, next)).toEqual([
      '    dev: { version: "1.10" } # newest',
    ]);
    expect(
      getManifestValue(next, ['spec', 'environments', 'dev', 'version']),
    ).toBe('1.10');
  });

  it('adds a value that is not there yet', () => {
    const next = setManifestValue(
      manifest,
      ['spec', 'environments', 'qa', 'version'],
      '2.0.0',
    );
    expect(
      getManifestValue(next, ['spec', 'environments', 'qa', 'version']),
    ).toBe('2.0.0');
    expect(next).toContain('tags: [java, payments]');
  });

  it('refuses text that is not a YAML mapping', () => {
    expect(() => setManifestValue('a: [', ['a'], 'x')).toThrow(
      'not valid YAML',
    );
    expect(() => setManifestValue('- a', ['a'], 'x')).toThrow(
      'not a YAML mapping',
    );
  });
});

describe('removeManifestValue', () => {
  const entry = (env: string, ...rest: string[]) => [
    'spec',
    'environments',
    env,
    ...rest,
  ];

  it('adds and removes values inside a flow entry, changing only its line', () => {
    const paused = setManifestValue(
      setManifestValue(manifest, entry('dev', 'replicas'), 0),
      entry('dev', 'paused', 'since'),
      '2026-12-05T20:00:00Z',
    );
    expect(changedLines(manifest, paused)).toEqual([
      '    dev: { version: 1.4.2, replicas: 0, paused: { since: "2026-12-05T20:00:00Z" } } # newest',
    ]);
    const resumed = removeManifestValue(
      removeManifestValue(paused, entry('dev', 'paused')),
      entry('dev', 'replicas'),
    );
    expect(resumed).toBe(manifest);
  });

  it('adds and removes values inside a block entry, keeping every other line', () => {
    const paused = setManifestValue(
      manifest,
      entry('prod', 'paused', 'since'),
      '2026-12-05T20:00:00Z',
    );
    expect(paused).toBe(
      manifest.replace(
        '      replicas: 3\n',
        '      replicas: 3\n      paused:\n        since: "2026-12-05T20:00:00Z"\n',
      ),
    );
    expect(removeManifestValue(paused, entry('prod', 'paused'))).toBe(manifest);
  });

  it('leaves the text as it is when the value is absent', () => {
    expect(removeManifestValue(manifest, entry('dev', 'paused'))).toBe(
      manifest,
    );
  });

  it('refuses a manifest that is not YAML', () => {
    expect(() => removeManifestValue('a: [', ['a'])).toThrow(/not valid YAML/);
  });
});
