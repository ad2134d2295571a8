import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatProblem } from '@slipway/backstage-plugin-slipway-common';
import { serviceManifest } from '../testing';
import { readManifestDirectory } from './readManifestDirectory';
import { DirectoryRepository } from './DirectoryRepository';

describe('readManifestDirectory', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'slipway-dir-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, content: string | Buffer) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  };

  it('reads the demo GitOps repository: 9 applications, 3 systems, and the deliberately broken manifest', async () => {
    const demo = resolve(__dirname, '../../../../examples/gitops');
    const set = await readManifestDirectory(demo, {
      environments: ['dev', 'staging', 'prod'],
    });
    expect(set.applications).toHaveLength(9);
    expect(set.systems.map(s => s.manifest.metadata.name)).toEqual([
      'analytics',
      'payments',
      'storefront',
    ]);
    const types = new Set(
      set.applications.map(a => (a.manifest.spec as any).type),
    );
    expect(types).toEqual(new Set(['service', 'vendor', 'etl']));
    expect(new Set(set.problems.map(p => p.path))).toEqual(
      new Set(['broken/legacy-reporting.yaml']),
    );
    expect(set.problems.map(formatProblem)).toEqual([
      'broken/legacy-reporting.yaml:11:10: error: spec.owner: must be a Group or User reference such as `group:default/payments` or `user:alice`',
      'broken/legacy-reporting.yaml:13:3: error: spec.lifecyle: unknown field "lifecyle" in spec (did you mean "lifecycle"?)',
      'broken/legacy-reporting.yaml:16:21: error: spec.environments.dev.version: must be a string: quote it, e.g. "1.10" (YAML reads unquoted 1.10 as the number 1.1)',
      'broken/legacy-reporting.yaml:18:7: error: spec.secrets[0].from: required, but missing',
      'broken/legacy-reporting.yaml:19:7: error: spec.secrets[0].value: a secret has no value in a manifest: name where it lives with `from: { store, name, key }` and keep the value in the secret store',
    ]);
  });

  it('skips hidden folders, other files and symbolic links; reports huge and binary files', async () => {
    write('apps/a.yaml', serviceManifest('a'));
    write('.git/config.yaml', 'not: a manifest');
    write('README.md', '# readme');
    write('apps/huge.yaml', Buffer.alloc(50 * 1024 * 1024, 'x'));
    write('apps/binary.yml', Buffer.from([0, 1, 2, 255]));
    symlinkSync('/etc/passwd', join(root, 'apps/link.yaml'));
    const set = await readManifestDirectory(root);
    expect(set.applications.map(a => a.path)).toEqual(['apps/a.yaml']);
    expect(set.problems.map(formatProblem)).toEqual([
      'apps/binary.yml: error: this is not a text file (it contains NUL bytes)',
      'apps/huge.yaml: error: file is 50.0 MiB; a manifest may be at most 512 KiB',
      'apps/link.yaml: warning: symbolic links are not followed; this file is ignored',
    ]);
  });

  it('reads only the configured folder', async () => {
    write('apps/a.yaml', serviceManifest('a'));
    write('other/b.yaml', serviceManifest('b'));
    const set = await readManifestDirectory(root, { subPath: 'apps' });
    expect(set.applications.map(a => a.path)).toEqual(['apps/a.yaml']);
    await expect(
      readManifestDirectory(root, { subPath: '../x' }),
    ).rejects.toThrow('outside the repository');
  });

  it('gives a directory repository a revision that changes with its files, and refuses changes', async () => {
    write('a.yaml', serviceManifest('a'));
    const repository = new DirectoryRepository({ directory: root, path: '' });
    const first = await repository.read();
    expect((await repository.read()).revision).toBe(first.revision);
    write('b.yaml', serviceManifest('b'));
    const second = await repository.read();
    expect(second.revision).not.toBe(first.revision);
    expect(second.set.applications).toHaveLength(2);
    await expect(repository.change()).rejects.toThrow(
      'is a plain folder, not a git repository',
    );
  });
});
