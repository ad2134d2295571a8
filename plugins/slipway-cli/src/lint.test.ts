import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { serviceManifest } from '@slipway/backstage-plugin-slipway-node/testing';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const bin = resolve(__dirname, '../bin/slipway');

jest.setTimeout(60_000);

async function slipway(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return {
      code: error.code as number,
      stdout: error.stdout as string,
      stderr: error.stderr as string,
    };
  }
}

describe('slipway lint', () => {
  it('prints the problems of the demo repository like a compiler and exits 1', async () => {
    const result = await slipway(
      'lint',
      'examples/gitops',
      '--config',
      'app-config.yaml',
    );
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'broken/legacy-reporting.yaml:11:10: error: spec.owner: must be a Group or User reference such as `group:default/payments` or `user:alice`',
      'broken/legacy-reporting.yaml:13:3: error: spec.lifecyle: unknown field "lifecyle" in spec (did you mean "lifecycle"?)',
      'broken/legacy-reporting.yaml:16:21: error: spec.environments.dev.version: must be a string: quote it, e.g. "1.10" (YAML reads unquoted 1.10 as the number 1.1)',
      'broken/legacy-reporting.yaml:18:7: error: spec.secrets[0].from: required, but missing',
      'broken/legacy-reporting.yaml:19:7: error: spec.secrets[0].value: a secret has no value in a manifest: name where it lives with `from: { store, name, key }` and keep the value in the secret store',
      '9 applications and 3 systems valid, 1 file rejected, 5 problems',
      '',
    ]);
  });

  it('exits 0 for a clean repository, and checks environment names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-lint-'));
    try {
      writeFileSync(
        join(dir, 'a.yaml'),
        serviceManifest('a', { versions: { dev: '1.0.0' } }),
      );
      expect(
        await slipway('lint', dir, '--environments', 'dev,prod'),
      ).toMatchObject({
        code: 0,
        stdout:
          '1 applications and 0 systems valid, 0 files rejected, 0 problems\n',
      });
      const strict = await slipway(
        'lint',
        dir,
        '--environments',
        'prod',
        '--format',
        'json',
      );
      expect(strict.code).toBe(1);
      expect(JSON.parse(strict.stdout)).toMatchObject({
        applications: 1,
        rejected: 0,
        problems: [
          {
            path: 'a.yaml',
            severity: 'warning',
            field: 'spec.environments.dev',
          },
        ],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a message when used wrongly', async () => {
    expect(await slipway('lint', 'no/such/dir')).toMatchObject({
      code: 2,
      stderr: 'slipway: no/such/dir is not a directory\n',
    });
    expect(
      (await slipway('lint', 'examples/gitops', '--format', 'xml')).code,
    ).toBe(2);
    expect((await slipway('lint')).code).toBe(2);
  });
});
