import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { LocalRepositories } from '../git/LocalRepositories';
import { commitAuthorOf, GitAuthor } from './commitAuthor';
import { examples } from './publishLocal.examples';

/** What `slipway:publish:local` needs from the backend. @public */
export interface PublishLocalActionOptions {
  /** The folder of local repositories; undefined when `slipway.scaffolder.localRepositories` is not configured. */
  repositories?: LocalRepositories;
  /** `scaffolder.defaultAuthor`: the commit author when the template names none and the user has no profile. */
  defaultAuthor: GitAuthor;
  /** `scaffolder.defaultCommitMessage`. */
  defaultCommitMessage?: string;
}

/**
 * The folder to publish. Unlike scaffolder-node's getRepoSourceDirectory, which quietly turns `../x` into `x`, a
 * path that leaves the workspace is refused: it is a mistake in the template, and publishing something else than
 * it says would hide it.
 */
function sourceFolder(workspacePath: string, sourcePath?: string) {
  if (!sourcePath) return workspacePath;
  try {
    return resolveSafeChildPath(workspacePath, sourcePath);
  } catch {
    throw new InputError(
      `sourcePath "${sourcePath}" is outside the workspace; name a folder inside it`,
    );
  }
}

/**
 * `slipway:publish:local`: the `publish:github` of a machine without a git host. Creates a bare git repository in
 * the configured folder and pushes the workspace to it as the first commit.
 *
 * @public
 */
// Input and output are not spelled out in the signature: their zod-inferred types print in a different order from
// one compilation to the next, which would make the API report (report.api.md) change by itself. The schemas are
// the action's contract (the scaffolder shows them; docs/templates.md lists the fields).
export function createPublishLocalAction(
  options: PublishLocalActionOptions,
): TemplateAction<any, any, 'v2'> {
  const { repositories, defaultAuthor } = options;
  return createTemplateAction({
    id: 'slipway:publish:local',
    description:
      'Creates a git repository on the backend machine (slipway.scaffolder.localRepositories) and pushes the workspace to it. For setups without a git host, such as the local demo.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Repository name: a lowercase DNS label; the repository is `<folder>/<name>.git`',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish; default the whole workspace',
            ),
        defaultBranch: z =>
          z.string().default('main').describe('Branch to push; default main'),
        description: z =>
          z
            .string()
            .optional()
            .describe('Description of the repository, for git web front ends'),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe(
              'Message of the first commit; default scaffolder.defaultCommitMessage or "Initial commit"',
            ),
        gitAuthorName: z =>
          z
            .string()
            .optional()
            .describe(
              'Author of the first commit; default the user who runs the template',
            ),
        gitAuthorEmail: z =>
          z
            .string()
            .optional()
            .describe(
              "Author's e-mail; default the user's, or scaffolder.defaultAuthor",
            ),
      },
      output: {
        remoteUrl: z =>
          z.string().describe('file:// URL to clone the repository from'),
        repositoryPath: z =>
          z.string().describe('Absolute path of the bare repository'),
        commitHash: z =>
          z
            .string()
            .optional()
            .describe('The first commit (not set in a dry run)'),
      },
    },
    async handler(ctx) {
      if (!repositories) {
        throw new Error(
          'slipway:publish:local has nowhere to create repositories: configure slipway.scaffolder.localRepositories.directory (docs/templates.md)',
        );
      }
      const { name, sourcePath, description } = ctx.input;
      const branch = ctx.input.defaultBranch ?? 'main';
      const location = repositories.locate(name);
      const source = sourceFolder(ctx.workspacePath, sourcePath);
      ctx.output('remoteUrl', location.url);
      ctx.output('repositoryPath', location.path);

      if (ctx.isDryRun) {
        await repositories.checkSource(source);
        if (await repositories.exists(name)) {
          throw new ConflictError(
            `A repository named "${name}" already exists at ${location.path}; choose another name`,
          );
        }
        ctx.logger.info(
          `Would create ${location.path} and push ${source} to ${branch}`,
        );
        return;
      }

      const user = commitAuthorOf(ctx, defaultAuthor);
      const { commitHash } = await ctx.checkpoint({
        key: `slipway.publish.local.${name}`,
        fn: () =>
          repositories
            .create({
              name,
              source,
              branch,
              description,
              message:
                ctx.input.gitCommitMessage ||
                options.defaultCommitMessage ||
                'Initial commit',
              author: {
                name: ctx.input.gitAuthorName || user.name,
                email: ctx.input.gitAuthorEmail || user.email,
              },
            })
            .then(created => ({ commitHash: created.commitHash })),
      });
      ctx.output('commitHash', commitHash);
      ctx.logger.info(
        `Created ${location.path}; clone it with: git clone ${location.url}`,
      );
    },
  });
}
