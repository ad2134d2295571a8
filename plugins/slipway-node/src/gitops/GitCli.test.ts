import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCli } from './GitCli';

describe('GitCli', () => {
  it('never shows the password in an error message', async () => {
    const git = new GitCli({
      credentials: { username: 'x', password: 's3cr3t-canary' },
    });
    const error = await git
      .run([
        'clone',
        '--quiet',
        'https://s3cr3t-canary@127.0.0.1:1/repo.git',
        '/tmp/never',
      ])
      .catch(e => e);
    expect(String(error)).toMatch(/git clone failed/);
    expect(String(error)).not.toContain('s3cr3t-canary');
  });

  it('passes arguments without a shell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slipway-gitcli-'));
    const canary = join(dir, 'injected');
    try {
      // Through a shell, each of these would create the canary file; as plain arguments, git only rejects them.
      for (const payload of [
        `$(touch ${canary})`,
        `--version; touch ${canary}`,
        `--version && touch ${canary}`,
        `\`touch ${canary}\``,
      ]) {
        await new GitCli().run([payload], dir).catch(() => undefined);
      }
      expect(existsSync(canary)).toBe(false);
      // The same runner does run git with its arguments.
      expect(await new GitCli().run(['--version'], dir)).toMatch(
        /^git version/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
