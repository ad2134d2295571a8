import { checkManifestSet } from './checkManifestSet';
import { parseManifest, ParsedManifest } from './parseManifest';
import { formatProblem } from './problems';

function app(
  path: string,
  name: string,
  components: string[] = [],
  databases: string[] = [],
) {
  const text = `apiVersion: slipway.dev/v1alpha1
kind: Application
metadata:
  name: ${name}
spec:
  type: service
  owner: payments
  system: payments
  image: registry.example.com/${name}
  environments: { dev: { version: "1.0" } }
${
  components.length || databases.length
    ? `  components:\n${[
        ...components.map(c => `    - { name: ${c}, type: redis }`),
        ...databases.map(
          d => `    - { name: ${name}-${d}, type: postgres, database: ${d} }`,
        ),
      ].join('\n')}\n`
    : ''
}`;
  const { manifest, problems } = parseManifest(text, { path });
  expect(problems).toEqual([]);
  return manifest as ParsedManifest;
}

function system(path: string, name: string) {
  return parseManifest(
    `apiVersion: slipway.dev/v1alpha1\nkind: System\nmetadata: { name: ${name} }\nspec: { owner: payments }\n`,
    { path },
  ).manifest as ParsedManifest;
}

describe('checkManifestSet', () => {
  it('keeps the first of two applications with one name, in path order', () => {
    const set = checkManifestSet([
      app('b.yaml', 'checkout'),
      app('a.yaml', 'checkout'),
    ]);
    expect(set.applications.map(m => m.path)).toEqual(['a.yaml']);
    expect(set.problems.map(formatProblem)).toEqual([
      'b.yaml:4: error: metadata.name: application "checkout" is already declared in a.yaml:4; names must be unique across the repository, so this file is ignored',
    ]);
  });

  it('rejects a component whose name another application already uses', () => {
    const set = checkManifestSet([
      app('a.yaml', 'one', ['cache']),
      app('b.yaml', 'two', ['cache']),
    ]);
    expect(set.applications.map(m => m.manifest.metadata.name)).toEqual([
      'one',
    ]);
    expect(set.problems[0].message).toContain(
      'component "cache" is already declared in a.yaml',
    );
  });

  it('rejects a component declared twice in one manifest', () => {
    const set = checkManifestSet([app('a.yaml', 'one', ['cache', 'cache'])]);
    expect(set.applications).toEqual([]);
    expect(set.problems[0].message).toBe(
      'component "cache" is declared twice in this manifest',
    );
  });

  it('lets an application and a system share a name (they are different kinds)', () => {
    const set = checkManifestSet([
      app('a.yaml', 'payments'),
      system('s.yaml', 'payments'),
    ]);
    expect(set.applications).toHaveLength(1);
    expect(set.systems).toHaveLength(1);
    expect(set.problems).toEqual([]);
  });

  it('rejects a second system of the same name', () => {
    const set = checkManifestSet([
      system('s1.yaml', 'payments'),
      system('s2.yaml', 'payments'),
    ]);
    expect(set.systems.map(m => m.path)).toEqual(['s1.yaml']);
    expect(set.problems[0].path).toBe('s2.yaml');
  });

  it('gives every application that declares a database another one declares an error, and keeps them all', () => {
    const set = checkManifestSet([
      app('apps/payments/checkout.yaml', 'checkout', [], ['checkout']),
      // First in path order: that must not make it the owner of payments' data.
      app('apps/aaa/storefront.yaml', 'storefront', [], ['checkout', 'shop']),
      app('apps/ledger.yaml', 'ledger', [], ['ledger']),
    ]);
    expect(set.applications).toHaveLength(3);
    expect(set.problems.map(formatProblem)).toEqual([
      'apps/aaa/storefront.yaml:4: error: spec.components: database "checkout" is also declared by checkout (apps/payments/checkout.yaml); a database belongs to one application, so none of them can copy it until only one declares it',
      'apps/payments/checkout.yaml:4: error: spec.components: database "checkout" is also declared by storefront (apps/aaa/storefront.yaml); a database belongs to one application, so none of them can copy it until only one declares it',
    ]);
  });
});
