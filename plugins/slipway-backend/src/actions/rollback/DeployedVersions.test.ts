import { serviceManifest } from '@slipway/backstage-plugin-slipway-node/testing';
import { GitOpsFileRevision } from '@slipway/backstage-plugin-slipway-node';
import { deploymentsOf } from './DeployedVersions';

/** Commits newest first, each declaring staging's version (undefined: staging absent; null: a merge git shows no file of). */
const commits = (...versions: Array<string | undefined | null>) =>
  versions.map(
    (version, i): GitOpsFileRevision => ({
      revision: `c${versions.length - i}`.padEnd(40, '0'),
      committedAt: `2025-01-${String(versions.length - i).padStart(
        2,
        '0',
      )}T10:00:00Z`,
      author: { name: 'Tester', email: 't@example.com' },
      subject: `commit ${versions.length - i}`,
      ...(version === null
        ? {}
        : {
            text: serviceManifest('checkout', {
              versions: version
                ? { dev: '9.9.9', staging: version }
                : { dev: '9.9.9' },
            }),
          }),
    }),
  );

const summary = (history: ReturnType<typeof deploymentsOf>) => ({
  current: history.current && [
    history.current.version,
    history.current.subject,
  ],
  earlier: history.earlier.map(d => [d.version, d.subject]),
});

describe('deploymentsOf', () => {
  it('dates each version by the commit that set it, and offers earlier ones newest first', () => {
    // Oldest last: 1.0.0 (commit 1), unchanged (2), 1.1.0 (3), unchanged (4), 1.2.0 (5).
    expect(
      summary(
        deploymentsOf(
          commits('1.2.0', '1.1.0', '1.1.0', '1.0.0', '1.0.0'),
          'staging',
        ),
      ),
    ).toEqual({
      current: ['1.2.0', 'commit 5'],
      earlier: [
        ['1.1.0', 'commit 3'],
        ['1.0.0', 'commit 1'],
      ],
    });
  });

  it('offers a version run twice once, as its latest deployment, and never the current one', () => {
    expect(
      summary(
        deploymentsOf(commits('1.1.0', '1.0.0', '1.1.0', '1.0.0'), 'staging'),
      ),
    ).toEqual({
      current: ['1.1.0', 'commit 4'],
      earlier: [['1.0.0', 'commit 3']],
    });
  });

  it('passes over merges, and starts afresh where the environment was absent', () => {
    expect(
      summary(
        deploymentsOf(
          commits('1.1.0', null, '1.1.0', undefined, '1.1.0', '1.0.0'),
          'staging',
        ),
      ),
    ).toEqual({
      current: ['1.1.0', 'commit 4'],
      earlier: [['1.0.0', 'commit 1']],
    });
  });

  it('has no current version where the head does not declare the environment', () => {
    expect(
      summary(deploymentsOf(commits(undefined, '1.0.0'), 'staging')),
    ).toEqual({
      current: undefined,
      earlier: [['1.0.0', 'commit 1']],
    });
    expect(summary(deploymentsOf([], 'staging'))).toEqual({
      current: undefined,
      earlier: [],
    });
  });
});
