/*
 * `yarn bench:gitops-changes [--apps 50] [--changes 30] [--burst 20]`
 *
 * What a GitOps change (a promote's commit) costs in Slipway's GitRepository, on a local bare repository of `apps`
 * application manifests: p50/p95 of `changes` changes one after the other, against the least a commit can cost — git
 * itself editing, committing and pushing from a working copy it keeps (the baseline, measured in the same run) — and
 * the time `burst` changes requested at once take (an instance makes them one at a time). It prints figures; it
 * asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitCli, GitRepository } from '../../plugins/slipway-node/src';
import { setManifestValue } from '../../plugins/slipway-node/src/gitops/editManifest';
import {
  LocalGitRepository,
  serviceManifest,
} from '../../plugins/slipway-node/src/testing';
import { ms, percentiles, timed } from '../audit/measure';

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return Number(index >= 0 ? process.argv[index + 1] : fallback);
}

const APPS = option('apps', '50');
const CHANGES = option('changes', '30');
const BURST = option('burst', '20');

const pathOf = (app: number) => `apps/app-${app}.yaml`;
let version = 0;
const nextVersion = () => `2.0.${++version}`;

async function main() {
  const remote = new LocalGitRepository();
  const repository = new GitRepository({
    url: remote.remote,
    branch: 'main',
    path: '',
    git: new GitCli(),
  });
  try {
    const files: Record<string, string> = {};
    for (let app = 0; app < APPS; app++)
      files[pathOf(app)] = serviceManifest(`app-${app}`);
    remote.commit(files, 'The applications');

    // Baseline: git alone, in a working copy it keeps, editing one manifest per commit.
    const work = join(remote.root, 'baseline');
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: work, stdio: 'pipe' });
    execFileSync('git', ['clone', '--quiet', remote.remote, work]);
    const baseline = await percentiles(CHANGES, async run => {
      git('pull', '--quiet', '--ff-only');
      const file = join(work, pathOf(run % APPS));
      const text = readFileSync(file, 'utf8');
      writeFileSync(
        file,
        setManifestValue(
          text,
          ['spec', 'environments', 'dev', 'version'],
          nextVersion(),
        ),
      );
      git('add', '--', pathOf(run % APPS));
      git(
        '-c',
        'user.name=bench',
        '-c',
        'user.email=bench@localhost',
        'commit',
        '--quiet',
        '-m',
        'baseline',
      );
      git('push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    });

    const change = (app: number) =>
      repository.change({
        files: [
          {
            path: pathOf(app),
            edit: text =>
              text &&
              setManifestValue(
                text,
                ['spec', 'environments', 'dev', 'version'],
                nextVersion(),
              ),
          },
        ],
        title: `Promote app-${app}`,
        author: { name: 'Bench', email: 'bench@localhost' },
      });
    const one = await percentiles(CHANGES, run => change(run % APPS));
    const burst = await timed(() =>
      Promise.all(Array.from({ length: BURST }, (_, i) => change(i % APPS))),
    );
    const statuses = new Set(burst.result.map(r => r.status));

    console.log(
      `bench/gitops changes, ${new Date().toISOString()}: ${APPS} manifests in a local bare repository`,
    );
    console.log(
      `baseline (git in a kept working copy: pull, edit, commit, push): p50 ${ms(
        baseline.p50,
      )} p95 ${ms(baseline.p95)}`,
    );
    console.log(
      `GitRepository.change, one after the other (${CHANGES}): p50 ${ms(
        one.p50,
      )} p95 ${ms(one.p95)}; ratio to the baseline p50 ${(
        one.p50 / baseline.p50
      ).toFixed(2)} p95 ${(one.p95 / baseline.p95).toFixed(2)}`,
    );
    console.log(
      `${BURST} changes at once: ${burst.seconds.toFixed(2)} s, ${ms(
        (burst.seconds * 1000) / BURST,
      )} each; outcomes: ${[...statuses].join(', ')}`,
    );
  } finally {
    await repository.close();
    remote.remove();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
