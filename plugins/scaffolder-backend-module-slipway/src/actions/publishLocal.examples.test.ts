import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LocalRepositories } from '../git/LocalRepositories';
import { DEFAULT_AUTHOR, outputsOf, stepsOf } from '../__testUtils__/gitops';
import {
  cloneOf,
  removeClones,
  workspaceWith,
} from '../__testUtils__/workspace';
import { examples } from './publishLocal.examples';
import { createPublishLocalAction } from './publishLocal';

describe('slipway:publish:local examples', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'slipway-test-repositories-'));
  });
  afterEach(() => {
    removeClones();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(examples.map(example => [example.description, example]))(
    '%s',
    async (_description, example) => {
      const [step] = stepsOf(example);
      expect(step.action).toBe('slipway:publish:local');
      const { input } = step;
      const prefix = input.sourcePath ? `${input.sourcePath}/` : '';
      const workspacePath = workspaceWith({
        [`${prefix}README.md`]: '# invoice-api\n',
        [`${prefix}src/server.js`]: 'console.log("hello");\n',
        'outside-the-source.txt': 'not published when sourcePath is set\n',
      });
      const action = createPublishLocalAction({
        repositories: new LocalRepositories({ directory: folder }),
        defaultAuthor: DEFAULT_AUTHOR,
      });

      const ctx = createMockActionContext<any>({ input, workspacePath });
      await action.handler(ctx);

      const output = outputsOf(ctx);
      expect(output.repositoryPath).toBe(join(folder, `${input.name}.git`));
      const clone = cloneOf(output.remoteUrl);
      expect(clone.read('README.md')).toBe('# invoice-api\n');
      expect(clone.read('src/server.js')).toBe('console.log("hello");\n');
      expect(existsSync(join(clone.dir, 'outside-the-source.txt'))).toBe(
        !input.sourcePath,
      );
      expect(clone.git('rev-parse', 'HEAD').trim()).toBe(output.commitHash);
      expect(clone.git('branch', '--show-current').trim()).toBe(
        input.defaultBranch ?? 'main',
      );
      expect(clone.git('log', '-1', '--format=%an <%ae>|%s').trim()).toBe(
        `${input.gitAuthorName ?? DEFAULT_AUTHOR.name} <${
          input.gitAuthorEmail ?? DEFAULT_AUTHOR.email
        }>|${input.gitCommitMessage ?? 'Initial commit'}`,
      );
      // The workspace is left as it was for later steps.
      expect(existsSync(join(workspacePath, '.git'))).toBe(false);
      rmSync(workspacePath, { recursive: true, force: true });
    },
  );
});
