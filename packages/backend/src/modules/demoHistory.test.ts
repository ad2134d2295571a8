import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { demoHistory, fastImportStream } from './demoHistory';

const seed = resolve(__dirname, '../../../../examples/gitops');

describe('the demo GitOps repository’s generated history', () => {
  const repository = mkdtempSync(join(tmpdir(), 'slipway-demo-history-'));
  afterAll(() => rmSync(repository, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repository, encoding: 'utf8' });

  it('spans 26 weeks, says it is generated, and ends at the seed folder exactly', async () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const commits = await demoHistory(seed, ['dev', 'staging', 'prod'], now);
    git('init', '--quiet', '--bare', '--initial-branch=main');
    const imported = spawnSync('git', ['fast-import', '--quiet'], {
      cwd: repository,
      input: fastImportStream(commits, 'main'),
    });
    expect(imported.status).toBe(0);

    const log = git('log', '--format=%ct %an%x09%s%x09%b', 'main')
      .trim()
      .split('\n')
      .filter(Boolean);
    expect(commits.length).toBeGreaterThan(50);
    expect(git('rev-list', '--count', 'main').trim()).toBe(
      String(commits.length),
    );
    const times = git('log', '--format=%ct', 'main')
      .trim()
      .split('\n')
      .map(Number);
    expect(Math.max(...times) * 1000).toBeLessThanOrEqual(now);
    expect(Math.min(...times) * 1000).toBe(now - 26 * 7 * 24 * 3600 * 1000);
    expect(
      git('log', '--format=%b', 'main')
        .split('\n')
        .filter(line => line.startsWith('Generated demo history')),
    ).toHaveLength(commits.length);
    expect(
      log.some(line => /Promote checkout-api to staging: 1\.4\.1/.test(line)),
    ).toBe(true);

    // The last commit holds every file of the seed folder as it is.
    const tree = git('ls-tree', '-r', '--name-only', 'main').trim().split('\n');
    const files = execFileSync('git', ['ls-files', '.'], {
      cwd: seed,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    expect(tree.sort()).toEqual(files.sort());
    for (const path of files)
      expect(git('show', `main:${path}`)).toBe(
        readFileSync(join(seed, path), 'utf8'),
      );

    // Staging ran earlier versions before the seed's 1.4.1: a rollback has something to go back to.
    const staging = git(
      'log',
      '--format=%s',
      'main',
      '--',
      'apps/payments/checkout-api.yaml',
    )
      .split('\n')
      .filter(s => s.includes('to staging'));
    expect(staging.length).toBeGreaterThan(2);
    // One manifest was broken for a while, and mended.
    expect(log.some(line => /Fix the YAML of/.test(line))).toBe(true);
  });
});
