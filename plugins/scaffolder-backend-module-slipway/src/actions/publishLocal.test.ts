import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { GitCli } from '@slipway/backstage-plugin-slipway-node';
import { LocalRepositories } from '../git/LocalRepositories';
import { DEFAULT_AUTHOR, outputsOf } from '../__testUtils__/gitops';
import {
  cloneOf,
  removeClones,
  workspaceWith,
} from '../__testUtils__/workspace';
import { createPublishLocalAction } from './publishLocal';

describe('slipway:publish:local', () => {
  let root: string;
  let folder: string;
  let workspacePath: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'slipway-test-publish-'));
    folder = join(root, 'repositories');
    workspacePath = workspaceWith({ 'README.md': '# hello\n' });
  });
  afterEach(() => {
    removeClones();
    rmSync(root, { recursive: true, force: true });
    rmSync(workspacePath, { recursive: true, force: true });
  });

  const actionWith = (git?: GitCli) =>
    createPublishLocalAction({
      repositories: new LocalRepositories({ directory: folder, git }),
      defaultAuthor: DEFAULT_AUTHOR,
    });
  const context = (
    input: Record<string, unknown>,
    extra: Partial<ActionContext<any, any>> = {},
  ): ActionContext<any, any> => ({
    ...createMockActionContext<any>({ input, workspacePath }),
    ...extra,
  });

  it.each([
    ['../escaped', 'a path'],
    ['Invoice-API', 'upper case'],
    ['team/invoice-api', 'a folder'],
    ['-invoice', 'a leading dash'],
  ])('refuses the name %s (%s) and creates nothing', async name => {
    await expect(actionWith().handler(context({ name }))).rejects.toThrow(
      `"${name}" is not a valid repository name: use a lowercase DNS label`,
    );
    expect(readdirSync(root)).toEqual([]);
    expect(existsSync(join(dirname(root), 'escaped.git'))).toBe(false);
  });

  it('never overwrites a repository', async () => {
    await actionWith().handler(context({ name: 'invoice-api' }));
    await expect(
      actionWith().handler(context({ name: 'invoice-api' })),
    ).rejects.toThrow(
      `A repository named "invoice-api" already exists in ${folder}; choose another name`,
    );
    expect(cloneOf(`${folder}/invoice-api.git`).read('README.md')).toBe(
      '# hello\n',
    );
  });

  it('says so when the workspace has nothing to publish', async () => {
    const empty = workspaceWith({});
    await expect(
      actionWith().handler({
        ...createMockActionContext<any>({
          input: { name: 'x' },
          workspacePath: empty,
        }),
      }),
    ).rejects.toThrow(`The workspace folder ${empty} is empty`);
    await expect(
      actionWith().handler(context({ name: 'x', sourcePath: 'missing' })),
    ).rejects.toThrow(`There is no folder ${workspacePath}/missing`);
    rmSync(empty, { recursive: true, force: true });
  });

  it('refuses a source folder outside the workspace', async () => {
    await expect(
      actionWith().handler(context({ name: 'x', sourcePath: '../..' })),
    ).rejects.toThrow(
      'sourcePath "../.." is outside the workspace; name a folder inside it',
    );
    expect(existsSync(folder)).toBe(false);
  });

  it('creates nothing in a dry run, but checks what a run would', async () => {
    const ctx = context({ name: 'invoice-api' }, { isDryRun: true });
    await actionWith().handler(ctx);
    expect(outputsOf(ctx).remoteUrl).toBe(`file://${folder}/invoice-api.git`);
    expect(outputsOf(ctx).commitHash).toBeUndefined();
    expect(existsSync(folder)).toBe(false);

    await actionWith().handler(context({ name: 'invoice-api' }));
    await expect(
      actionWith().handler(
        context({ name: 'invoice-api' }, { isDryRun: true }),
      ),
    ).rejects.toThrow('A repository named "invoice-api" already exists');
  });

  it('removes a half-made repository when the push fails, so that a retry works', async () => {
    class PushFails extends GitCli {
      async run(args: string[], cwd?: string) {
        if (args[0] === 'push') throw new Error('git push failed: disk full');
        return super.run(args, cwd);
      }
    }
    await expect(
      actionWith(new PushFails()).handler(context({ name: 'invoice-api' })),
    ).rejects.toThrow('git push failed: disk full');
    expect(existsSync(join(folder, 'invoice-api.git'))).toBe(false);

    await actionWith().handler(context({ name: 'invoice-api' }));
    expect(cloneOf(`${folder}/invoice-api.git`).read('README.md')).toBe(
      '# hello\n',
    );
  });

  it('does not create the repository twice when a task is retried', async () => {
    const stored = new Map<string, any>();
    const checkpoint = async ({ key, fn }: { key: string; fn: () => any }) => {
      if (!stored.has(key)) stored.set(key, await fn());
      return stored.get(key);
    };
    const first = context({ name: 'invoice-api' }, { checkpoint });
    await actionWith().handler(first);
    const retry = context({ name: 'invoice-api' }, { checkpoint });
    await actionWith().handler(retry);
    expect(outputsOf(retry).commitHash).toBe(outputsOf(first).commitHash);
  });

  it('fails clearly when no folder is configured', async () => {
    const action = createPublishLocalAction({ defaultAuthor: DEFAULT_AUTHOR });
    await expect(action.handler(context({ name: 'x' }))).rejects.toThrow(
      'slipway:publish:local has nowhere to create repositories: configure slipway.scaffolder.localRepositories.directory',
    );
  });

  it('commits as the user who runs the template', async () => {
    await actionWith().handler(
      context(
        { name: 'invoice-api', description: 'Issues invoices' },
        {
          user: {
            ref: 'user:default/alice',
            entity: {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'alice' },
              spec: {
                profile: {
                  displayName: 'Alice Andersen',
                  email: 'alice@acme.example',
                },
              },
            },
          },
        },
      ),
    );
    const clone = cloneOf(`${folder}/invoice-api.git`);
    expect(clone.git('log', '-1', '--format=%an <%ae>').trim()).toBe(
      'Alice Andersen <alice@acme.example>',
    );
  });
});
