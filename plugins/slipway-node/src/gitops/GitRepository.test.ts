import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalGitRepository, serviceManifest } from '../testing';
import { GitCli } from './GitCli';
import { GitRepository } from './GitRepository';
import { setManifestValue } from './editManifest';

// Every test runs git many times; on a busy machine that takes longer than Jest's default 5 seconds.
jest.setTimeout(60_000);

/** Slipway's view of the test's remote, with its copies in `workingDirectory` (default: the temporary folder). */
function repositoryOf(remote: LocalGitRepository, workingDirectory?: string) {
  return new GitRepository({
    url: remote.remote,
    branch: 'main',
    path: '',
    git: new GitCli(),
    workingDirectory,
  });
}

describe('GitRepository', () => {
  let remote: LocalGitRepository;
  let repository: GitRepository;

  beforeEach(() => {
    remote = new LocalGitRepository();
    remote.commit({
      'apps/checkout.yaml': serviceManifest('checkout'),
      'apps/broken.yaml': 'kind: [',
      'README.md': '# not a manifest',
    });
    repository = repositoryOf(remote);
  });

  afterEach(async () => {
    await repository.close();
    remote.remove();
  });

  it('reads the manifests at the branch head, with problems for bad files', async () => {
    const snapshot = await repository.read({
      environments: ['dev', 'staging', 'prod'],
    });
    expect(snapshot.revision).toBe(remote.head());
    expect(
      snapshot.set.applications.map(a => a.manifest.metadata.name),
    ).toEqual(['checkout']);
    expect(snapshot.set.problems).toEqual([
      expect.objectContaining({ path: 'apps/broken.yaml', severity: 'error' }),
    ]);
  });

  it('sees added, changed and deleted manifests on the next read', async () => {
    await repository.read();
    remote.commit({
      'apps/checkout.yaml': serviceManifest('checkout', {
        versions: { dev: '2.0.0' },
      }),
      'apps/cart.yaml': serviceManifest('cart'),
      'apps/broken.yaml': null,
    });
    const snapshot = await repository.read();
    expect(snapshot.revision).toBe(remote.head());
    expect(snapshot.set.problems).toEqual([]);
    const byName = Object.fromEntries(
      snapshot.set.applications.map(a => [
        a.manifest.metadata.name,
        a.manifest,
      ]),
    );
    expect(Object.keys(byName).sort()).toEqual(['cart', 'checkout']);
    expect(byName.checkout.spec.environments).toEqual({
      dev: { version: '2.0.0' },
    });
  });

  it('clones again when its local copy was deleted', async () => {
    const workingDirectory = mkdtempSync(join(tmpdir(), 'slipway-wd-'));
    const own = repositoryOf(remote, workingDirectory);
    await own.read();
    for (const copy of readdirSync(workingDirectory))
      rmSync(join(workingDirectory, copy), { recursive: true, force: true });
    remote.commit({ 'apps/cart.yaml': serviceManifest('cart') });
    const snapshot = await own.read();
    expect(snapshot.revision).toBe(remote.head());
    expect(snapshot.set.applications).toHaveLength(2);
    await own.close();
    rmSync(workingDirectory, { recursive: true, force: true });
  });

  it("reads a file's history up to a revision, each commit with the file it left", async () => {
    const first = remote.head();
    const v2 = serviceManifest('checkout', {
      versions: { dev: '2.0.0', staging: '1.0.0', prod: '0.9.0' },
    });
    const second = remote.commit({ 'apps/checkout.yaml': v2 }, 'Dev to 2.0.0');
    remote.commit({ 'README.md': '# other file' }, 'Docs');
    const deleted = remote.commit({ 'apps/checkout.yaml': null }, 'Remove');

    const history = await repository.history('apps/checkout.yaml');
    expect(history.map(h => [h.revision, h.subject, h.text])).toEqual([
      [deleted, 'Remove', undefined],
      [second, 'Dev to 2.0.0', v2],
      [first, 'test commit', serviceManifest('checkout')],
    ]);
    expect(history[1]).toMatchObject({
      author: { name: 'Tester', email: 'tester@example.com' },
      committedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // Up to a revision the copy already holds, without fetching; and at most `limit` commits.
    expect(
      (
        await repository.history('apps/checkout.yaml', { revision: second })
      ).map(h => h.revision),
    ).toEqual([second, first]);
    expect(
      await repository.history('apps/checkout.yaml', { limit: 1 }),
    ).toHaveLength(1);
    // Only a commit id reaches git as a revision: anything else reads the branch.
    expect(
      await repository.history('apps/checkout.yaml', {
        revision: '--output=/tmp/x',
        limit: 1,
      }),
    ).toEqual([expect.objectContaining({ revision: deleted })]);
  });

  it('pages through the commits after one, oldest first, with the manifests each changed', async () => {
    const first = remote.head();
    const v2 = serviceManifest('checkout', {
      versions: { dev: '2.0.0', staging: '1.0.0', prod: '0.9.0' },
    });
    const second = remote.commit(
      {
        'apps/checkout.yaml': v2,
        'README.md': '# docs',
        '.github/workflow.yaml': 'on: push',
      },
      'Dev to 2.0.0',
    );
    const third = remote.commit({ 'apps/broken.yaml': null }, 'Remove');

    const all = await repository.commits({ limit: 10 });
    expect(all).toMatchObject({
      through: third,
      walked: 3,
      more: false,
      restarted: false,
    });
    expect(all.commits.map(c => [c.revision, c.subject, c.files])).toEqual([
      [
        first,
        'test commit',
        [
          { path: 'apps/broken.yaml', text: 'kind: [\n' },
          { path: 'apps/checkout.yaml', text: serviceManifest('checkout') },
        ],
      ],
      [second, 'Dev to 2.0.0', [{ path: 'apps/checkout.yaml', text: v2 }]],
      [third, 'Remove', [{ path: 'apps/broken.yaml' }]],
    ]);
    expect(all.commits[0]).toMatchObject({
      author: { name: 'Tester', email: 'tester@example.com' },
      committedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const page = await repository.commits({ after: first, limit: 1 });
    expect(page).toMatchObject({ through: second, walked: 1, more: true });
    expect(page.commits.map(c => c.revision)).toEqual([second]);
    expect(await repository.commits({ after: third, limit: 10 })).toMatchObject(
      { commits: [], through: third, more: false },
    );
    // A commit the branch no longer holds (history rewritten): from the start again.
    const rewritten = await repository.commits({
      after: 'f'.repeat(40),
      limit: 1,
    });
    expect(rewritten).toMatchObject({ restarted: true, through: first });
    // The branch reset to an earlier commit (a force push): nothing is new, but it no longer holds the last one read.
    remote.inspect('update-ref', 'refs/heads/main', second);
    expect(await repository.commits({ after: third, limit: 10 })).toMatchObject(
      { restarted: true, through: second, walked: 2 },
    );
  });

  it('takes a merged pull request as one commit with what it changed on the branch', async () => {
    const work = mkdtempSync(join(tmpdir(), 'slipway-merge-'));
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=M', '-c', 'user.email=m@x', ...args],
        {
          cwd: work,
          stdio: 'pipe',
        },
      );
    git('clone', '--quiet', remote.remote, '.');
    git('checkout', '--quiet', '-b', 'feature');
    writeFileSync(join(work, 'apps/cart.yaml'), serviceManifest('cart'));
    git('add', '.');
    git('commit', '--quiet', '-m', 'Add cart');
    git('checkout', '--quiet', 'main');
    git(
      'merge',
      '--quiet',
      '--no-ff',
      '-m',
      'Merge pull request #1',
      'feature',
    );
    git('push', '--quiet', 'origin', 'main');
    rmSync(work, { recursive: true, force: true });

    const page = await repository.commits({
      after: remote.head(),
      limit: 5,
    });
    expect(page.commits).toEqual([]);
    const all = await repository.commits({ limit: 5 });
    expect(all.commits.map(c => [c.subject, c.files.map(f => f.path)])).toEqual(
      [
        ['test commit', ['apps/broken.yaml', 'apps/checkout.yaml']],
        ['Merge pull request #1', ['apps/cart.yaml']],
      ],
    );
  });

  it('commits a change as the requester and pushes it', async () => {
    const result = await repository.change({
      title: 'Promote checkout to staging',
      description: 'Requested in Slipway',
      author: { name: 'Alice <Admin>', email: 'alice@example.com' },
      files: [
        {
          path: 'apps/checkout.yaml',
          edit: text =>
            setManifestValue(
              text!,
              ['spec', 'environments', 'staging', 'version'],
              '1.1.0',
            ),
        },
      ],
    });
    expect(result.status).toBe('committed');
    expect(result.revision).toBe(remote.head());
    expect(result.diff).toContain('-    staging: { version: "1.0.0" }');
    expect(result.diff).toContain('+    staging: { version: "1.1.0" }');
    expect(remote.inspect('log', '-1', '--format=%an <%ae>|%cn|%s')).toBe(
      'Alice Admin <alice@example.com>|Slipway|Promote checkout to staging\n',
    );
  });

  it('returns the diff of a dry run and commits nothing', async () => {
    const before = remote.head();
    const result = await repository.change({
      title: 'x',
      author: { name: 'a', email: 'a@example.com' },
      dryRun: true,
      files: [{ path: 'apps/new.yaml', edit: () => serviceManifest('new') }],
    });
    expect(result.status).toBe('dry-run');
    expect(result.diff).toContain('+++ b/apps/new.yaml');
    expect(remote.head()).toBe(before);
  });

  it('reports an unchanged file as unchanged', async () => {
    const result = await repository.change({
      title: 'x',
      author: { name: 'a', email: 'a@example.com' },
      files: [{ path: 'apps/checkout.yaml', edit: text => text }],
    });
    expect(result).toEqual({ status: 'unchanged', diff: '' });
  });

  it('makes the change again on top when someone else pushed first', async () => {
    let calls = 0;
    const result = await repository.change({
      title: 'Promote',
      author: { name: 'a', email: 'a@example.com' },
      files: [
        {
          path: 'apps/checkout.yaml',
          edit: text => {
            if (calls++ === 0)
              remote.commit(
                { 'apps/other.yaml': serviceManifest('other') },
                'concurrent',
              );
            return setManifestValue(
              text!,
              ['spec', 'environments', 'prod', 'version'],
              '1.0.0',
            );
          },
        },
      ],
    });
    expect(calls).toBe(2);
    expect(result.status).toBe('committed');
    expect(remote.inspect('log', '--format=%s', '-3')).toBe(
      'Promote\nconcurrent\ntest commit\n',
    );
  });

  it('commits every one of many changes made at once (one instance pushes one at a time)', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        repository.change({
          title: `Add app-${i}`,
          author: { name: 'a', email: 'a@example.com' },
          files: [
            {
              path: `apps/app-${i}.yaml`,
              edit: () => serviceManifest(`app-${i}`),
            },
          ],
        }),
      ),
    );
    expect(results.map(r => r.status)).toEqual(Array(8).fill('committed'));
    expect(
      remote.inspect('log', '--format=%s', '-8').trim().split('\n').sort(),
    ).toEqual(Array.from({ length: 8 }, (_, i) => `Add app-${i}`).sort());
  });

  it('keeps one working copy for its changes, and a change the remote refused leaves nothing in it', async () => {
    const workingDirectory = mkdtempSync(join(tmpdir(), 'slipway-wd-'));
    const own = repositoryOf(remote, workingDirectory);
    const marker = join(workingDirectory, '..', `refuse-${Date.now()}`);
    const hook = join(remote.remote, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      `#!/bin/sh\nif [ -f '${marker}' ]; then echo 'refused by policy' >&2; exit 1; fi\n`,
      { mode: 0o755 },
    );
    const add = (name: string) =>
      own.change({
        title: `Add ${name}`,
        author: { name: 'a', email: 'a@example.com' },
        files: [
          { path: `apps/${name}.yaml`, edit: () => serviceManifest(name) },
        ],
      });
    try {
      writeFileSync(marker, '');
      await expect(add('refused')).rejects.toThrow('refused by policy');
      rmSync(marker);
      expect((await add('cart')).status).toBe('committed');
      expect((await add('shop')).status).toBe('committed');

      expect(remote.inspect('log', '--format=%s', '-3')).toBe(
        'Add shop\nAdd cart\ntest commit\n',
      );
      expect(remote.inspect('ls-tree', '--name-only', 'main', 'apps/')).toBe(
        'apps/broken.yaml\napps/cart.yaml\napps/checkout.yaml\napps/shop.yaml\n',
      );
      expect(readdirSync(workingDirectory)).toEqual([
        expect.stringMatching(/^slipway-gitops-change-/),
      ]);
      await own.close();
      expect(readdirSync(workingDirectory)).toEqual([]);
    } finally {
      rmSync(marker, { force: true });
      rmSync(hook, { force: true });
      rmSync(workingDirectory, { recursive: true, force: true });
    }
  });

  it('refuses paths outside the repository', async () => {
    await expect(
      repository.change({
        title: 'x',
        author: { name: 'a', email: 'a@example.com' },
        files: [{ path: '../../etc/passwd', edit: () => 'x' }],
      }),
    ).rejects.toThrow(
      '"../../etc/passwd" is not a plain relative path inside the repository',
    );
  });

  it("fails with git's reason when the repository does not exist", async () => {
    const missing = new GitRepository({
      url: '/nonexistent/repo.git',
      branch: 'main',
      path: '',
      git: new GitCli(),
    });
    await expect(missing.read()).rejects.toThrow(
      /git clone failed: .*nonexistent/,
    );
  });
});
