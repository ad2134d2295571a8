import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';

/** What `slipway:publish` hands the work to. @public */
export interface PublishRepositoryActionOptions {
  /** `slipway:publish:local` (createPublishLocalAction). */
  local: TemplateAction<any, any, any>;
  /** `publish:github` of `@backstage/plugin-scaffolder-backend-module-github`. */
  github: TemplateAction<any, any, any>;
}

/**
 * `slipway:publish`: creates a new service's repository where the platform keeps code, chosen in configuration
 * (`host`, from `scaffolder.defaultEnvironment.parameters.repositoryHost`): on this machine (`slipway:publish:local`)
 * or on GitHub (`publish:github`, private, branch main). One step rather than one per host with `if:`, because the
 * scaffolder lists every step of a template on the task page, a skipped one as "Skipped": people would read about a
 * GitHub step in a portal that has no GitHub.
 *
 * @public
 */
export function createPublishRepositoryAction(
  options: PublishRepositoryActionOptions,
): TemplateAction<any, any, 'v2'> {
  const { local, github } = options;
  return createTemplateAction({
    id: 'slipway:publish',
    description:
      'Creates the repository of a new service where the platform keeps code: on this machine (slipway:publish:local) or on GitHub (publish:github).',
    supportsDryRun: true,
    schema: {
      input: {
        host: z =>
          z
            .enum(['local', 'github'])
            .default('local')
            .describe(
              'Where repositories go: local (slipway.scaffolder.localRepositories) or github; default local',
            ),
        name: z =>
          z.string().describe('Repository name, a lowercase DNS label'),
        description: z =>
          z.string().optional().describe('Description of the repository'),
        gitCommitMessage: z =>
          z.string().optional().describe('Message of the first commit'),
        githubHost: z =>
          z
            .string()
            .optional()
            .describe('github only: the GitHub host; default github.com'),
        githubOwner: z =>
          z
            .string()
            .optional()
            .describe(
              'github only: the organisation or user that gets the repository',
            ),
      },
      output: {
        remoteUrl: z => z.string().describe('URL to clone the repository from'),
        repoContentsUrl: z =>
          z
            .string()
            .optional()
            .describe("github only: the repository's web page"),
        repositoryPath: z =>
          z
            .string()
            .optional()
            .describe('local only: absolute path of the bare repository'),
        commitHash: z =>
          z
            .string()
            .optional()
            .describe('The first commit (not set in a dry run)'),
      },
    },
    async handler(ctx) {
      const { name, description, gitCommitMessage } = ctx.input;
      if ((ctx.input.host ?? 'local') === 'local') {
        await local.handler({
          ...ctx,
          input: { name, description, gitCommitMessage },
        });
        return;
      }
      const owner = ctx.input.githubOwner;
      if (!owner) {
        throw new InputError(
          'Repositories go to GitHub, but no organisation is configured for them: set scaffolder.defaultEnvironment.parameters.githubOwner (docs/templates.md)',
        );
      }
      const host = ctx.input.githubHost || 'github.com';
      if (ctx.isDryRun) {
        // publish:github cannot run in a dry run; say what it would do.
        ctx.logger.info(
          `Would create the private repository ${owner}/${name} on ${host} and push the workspace to main`,
        );
        return;
      }
      await github.handler({
        ...ctx,
        input: {
          repoUrl: `${host}?owner=${owner}&repo=${name}`,
          description,
          defaultBranch: 'main',
          repoVisibility: 'private',
          gitCommitMessage,
        },
      });
    },
  });
}
