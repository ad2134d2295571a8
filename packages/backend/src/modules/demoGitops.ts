import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { demoHistory, fastImportStream } from './demoHistory';

const git = promisify(execFile);

/** Writes a `git fast-import` stream into a repository. */
function fastImport(repository: string, stream: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('git', ['fast-import', '--quiet'], {
      cwd: repository,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', chunk => {
      errors += chunk;
    });
    child.on('error', fail);
    child.on('exit', code =>
      code === 0
        ? done()
        : fail(new Error(`git fast-import failed: ${errors.trim()}`)),
    );
    child.stdin.end(stream);
  });
}

/**
 * Demo only: creates the local GitOps repository (`slipway.gitops.url`) from a folder of manifests
 * (`slipway.demo.seedGitopsFrom`, the repository's examples/gitops) when it does not exist yet, so that the catalog
 * reads a real git repository and Promote makes real commits. Its history is generated (demoHistory.ts: 26 weeks of
 * applications added and versions promoted, ending at the folder), so that Insights has something to show. A catalog module, so that it runs before the catalog
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

        const branch =
          config.getOptionalString('slipway.gitops.branch') ?? 'main';
        const environments = config
          .getConfigArray('slipway.environments')
          .map(env => env.getString('name'));
        await git('git', [
          'init',
          '--quiet',
          '--bare',
          `--initial-branch=${branch}`,
          repository,
        ]);
        const commits = await demoHistory(
          resolve(seed),
          environments,
          Date.now(),
        );
        try {
          await fastImport(repository, fastImportStream(commits, branch));
        } catch (error) {
          // Not left half made: the next start tries again.
          await rm(repository, { recursive: true, force: true });
          throw error;
        }
        logger.info(
          `Created the demo GitOps repository ${repository} from ${seed}, with ${commits.length} commits of generated history over 26 weeks (demoHistory.ts)`,
        );
      },
    });
  },
});
