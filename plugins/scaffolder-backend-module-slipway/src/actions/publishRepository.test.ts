import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createPublishRepositoryAction } from './publishRepository';

/** An action that records the input it was handed. */
function recording(id: string) {
  const handler = jest.fn(async (_ctx: any) => {});
  const action = createTemplateAction({
    id,
    schema: { input: {} },
    handler,
  });
  return { action, handler };
}

function setup() {
  const local = recording('slipway:publish:local');
  const github = recording('publish:github');
  const action = createPublishRepositoryAction({
    local: local.action,
    github: github.action,
  });
  return { action, local: local.handler, github: github.handler };
}

const input = {
  name: 'invoice-api',
  description: 'Issues and lists invoices',
  gitCommitMessage: 'Create invoice-api',
};

describe('slipway:publish', () => {
  it('creates the repository on this machine by default', async () => {
    const { action, local, github } = setup();
    await action.handler(createMockActionContext({ input }));
    expect(local).toHaveBeenCalledWith(expect.objectContaining({ input }));
    expect(github).not.toHaveBeenCalled();
  });

  it('creates a private repository on GitHub when the platform keeps code there', async () => {
    const { action, local, github } = setup();
    await action.handler(
      createMockActionContext({
        input: { ...input, host: 'github', githubOwner: 'acme' },
      }),
    );
    expect(local).not.toHaveBeenCalled();
    expect(github).toHaveBeenCalledWith(
      expect.objectContaining({
        input: {
          repoUrl: 'github.com?owner=acme&repo=invoice-api',
          description: 'Issues and lists invoices',
          defaultBranch: 'main',
          repoVisibility: 'private',
          gitCommitMessage: 'Create invoice-api',
        },
      }),
    );
  });

  it('says what it would do on GitHub in a dry run, and does nothing', async () => {
    const { action, github } = setup();
    const ctx = {
      ...createMockActionContext({
        input: { ...input, host: 'github', githubOwner: 'acme' },
      }),
      isDryRun: true,
    };
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx);
    expect(github).not.toHaveBeenCalled();
    expect(info).toHaveBeenCalledWith(
      'Would create the private repository acme/invoice-api on github.com and push the workspace to main',
    );
  });

  it('names the missing setting when GitHub has no organisation configured', async () => {
    const { action } = setup();
    await expect(
      action.handler(
        createMockActionContext({ input: { ...input, host: 'github' } }),
      ),
    ).rejects.toThrow(
      'set scaffolder.defaultEnvironment.parameters.githubOwner',
    );
  });
});
