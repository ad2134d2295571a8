import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

const git = promisify(execFile);

/**
 * Demo only: creates the local GitOps repository (`slipway.gitops.url`) from a folder of manifests
 * (`slipway.demo.seedGitopsFrom`, the repository's examples/gitops) when it does not exist yet, so that the catalog
 * reads a real git repository and Promote makes real commits. A catalog module, so that it runs before the catalog
 * reads the repository for the first time.
 */
export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'slipway-demo-gitops',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ config, logger }) {
        const seed = config.getOptionalString('slipway.demo.seedGitopsFrom');
        if (!seed) return;
        const url = config.getString('slipway.gitops.url');
        // Only ever a repository on this machine: a remote repository is never created or written by the demo.
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('file://'))
          return;
        const repository = url.startsWith('file://')
          ? fileURLToPath(url)
          : resolve(url);
        if (existsSync(repository)) return;

        const work = await mkdtemp(join(tmpdir(), 'slipway-demo-seed-'));
        try {
          const branch =
            config.getOptionalString('slipway.gitops.branch') ?? 'main';
          await git('git', [
            'init',
            '--quiet',
            '--bare',
            `--initial-branch=${branch}`,
            repository,
          ]);
          await cp(resolve(seed), work, { recursive: true });
          await git('git', ['init', '--quiet', `--initial-branch=${branch}`], {
            cwd: work,
          });
          await git('git', ['add', '--all'], { cwd: work });
          await git(
            'git',
            [
              '-c',
              'user.name=Slipway demo',
              '-c',
              'user.email=demo@slipway.local',
              'commit',
              '--quiet',
              '-m',
              `Seed the demo GitOps repository from ${seed}`,
            ],
            { cwd: work },
          );
          await git(
            'git',
            ['push', '--quiet', repository, `HEAD:refs/heads/${branch}`],
            { cwd: work },
          );
          logger.info(
            `Created the demo GitOps repository ${repository} from ${seed}`,
          );
        } finally {
          await rm(work, { recursive: true, force: true });
        }
      },
    });
  },
});
