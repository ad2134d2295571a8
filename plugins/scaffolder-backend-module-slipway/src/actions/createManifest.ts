import { ConflictError, InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  GitOpsChangeResult,
  GitOpsConfig,
  GitOpsRepository,
  publicRepositoryUrl,
  SLIPWAY_GITOPS_CHANGED_TOPIC,
} from '@slipway/backstage-plugin-slipway-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  buildApplicationManifest,
  systemName,
} from '../manifest/buildApplicationManifest';
import {
  checkManifestPath,
  defaultManifestPath,
} from '../manifest/manifestPath';
import {
  refuseNameConflicts,
  validateNewManifest,
} from '../manifest/validateNewManifest';
import { commitAuthorOf, GitAuthor } from './commitAuthor';
import { refusalsInWords } from './refusals';
import { CatalogEntityLookup, waitForEntity } from './waitForEntity';
import { examples } from './createManifest.examples';
import {
  createManifestInput,
  createManifestInputSchema,
  createManifestOutput,
} from './createManifest.schema';

/** What `slipway:manifest:create` needs from the backend. @public */
export interface CreateManifestActionOptions {
  /** The GitOps repository (`createGitOpsRepository`), the same writer Promote uses. */
  repository: GitOpsRepository;
  /** `slipway.gitops`, checked by `readSlipwayConfig`. */
  gitops: GitOpsConfig;
  /** Names of the configured environments (`slipway.environments`). */
  environments: readonly string[];
  /** Where the change is announced so that the catalog reads the repository at once. */
  events: EventsService;
  /** Commit author when the person running the template has no catalog profile. */
  defaultAuthor: GitAuthor;
  /**
   * The catalog: after a commit the step waits until it has the new application, so that the template's "Open in
   * the catalog" link works at once. Without it the step does not wait.
   */
  catalog?: CatalogEntityLookup;
  /** How long the step waits for the catalog, in milliseconds; default 30,000. */
  catalogWaitMs?: number;
}

/** What the checkpoint keeps of a change: JSON, without the fields a change did not have. */
type WrittenChange = Pick<GitOpsChangeResult, 'status' | 'diff'> & {
  revision?: string;
  url?: string;
};

function writtenChange(result: GitOpsChangeResult): WrittenChange {
  return {
    status: result.status,
    diff: result.diff,
    ...(result.revision && { revision: result.revision }),
    ...(result.url && { url: result.url }),
  };
}

function parseInput(input: unknown) {
  const parsed = createManifestInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(
      `Invalid input: ${parsed.error.issues
        .map(issue => `${issue.path.join('.') || 'input'}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

async function announce(
  events: EventsService,
  logger: LoggerService,
  payload: { revision?: string; paths: string[] },
) {
  try {
    await events.publish({
      topic: SLIPWAY_GITOPS_CHANGED_TOPIC,
      eventPayload: payload,
    });
  } catch (error) {
    // The manifest is committed, which is what the step is for; failing it now would tell the person that nothing
    // happened. Without the event the catalog still reads the commit at its next scheduled read.
    logger.warn(
      `Committed, but could not tell the catalog to read the GitOps repository now (it will at its next scheduled read): ${error}`,
    );
  }
}

/**
 * `slipway:manifest:create`: builds a new application's manifest from a template's inputs, validates it with the
 * catalog's parser, refuses a name the GitOps repository already has, and writes it as a commit or a pull request
 * through the GitOps writer. After a commit it announces the change so that the catalog shows the application at once.
 *
 * @public
 */
// Input and output are not spelled out in the signature: their zod-inferred types print in a different order from
// one compilation to the next, which would make the API report (report.api.md) change by itself. The schemas are
// the action's contract (the scaffolder shows them; docs/templates.md lists the fields).
export function createManifestCreateAction(
  options: CreateManifestActionOptions,
): TemplateAction<any, any, 'v2'> {
  const { repository, gitops, environments, events, defaultAuthor, catalog } =
    options;

  return createTemplateAction({
    id: 'slipway:manifest:create',
    description:
      'Adds a validated application manifest to the GitOps repository, as a commit or a pull request (slipway.gitops.changes).',
    examples,
    supportsDryRun: true,
    schema: { input: createManifestInput, output: createManifestOutput },
    async handler(ctx) {
      await refusalsInWords(async () => {
        const input = parseInput(ctx.input);
        const path =
          input.manifestPath ||
          defaultManifestPath({
            name: input.name,
            system: systemName(input.system),
            root: gitops.path,
          });
        const text = buildApplicationManifest(input);
        const manifest = validateNewManifest(text, { path, environments });
        checkManifestPath(path, gitops.path);
        const name = manifest.metadata.name;

        ctx.output('manifestPath', path);
        ctx.output('manifest', text);
        ctx.output('entityRef', `component:default/${name}`);
        ctx.output('gitopsRepositoryUrl', publicRepositoryUrl(gitops.url));
        ctx.output('gitopsBranch', gitops.branch);

        const write = async (dryRun: boolean): Promise<WrittenChange> => {
          const snapshot = await repository.read({ environments });
          refuseNameConflicts(snapshot.set, manifest);
          const result = await repository.change({
            files: [
              {
                path,
                edit: current => {
                  if (current !== undefined) {
                    throw new ConflictError(
                      `${path} already exists in the GitOps repository ${repository.description}; choose another name or manifestPath`,
                    );
                  }
                  return text;
                },
              },
            ],
            title: `Add ${manifest.spec.type} ${name}`,
            description: [
              `New application ${name}, owned by ${manifest.spec.owner}, in system ${manifest.spec.system}.`,
              `Created by ${ctx.user?.ref ?? 'the scaffolder'} with ${
                ctx.templateInfo?.entityRef ?? 'a scaffolder template'
              } (task ${ctx.task.id}).`,
            ].join('\n'),
            author: commitAuthorOf(ctx, defaultAuthor),
            dryRun,
            // A retried task that opened its pull request before the checkpoint was stored gets that one back.
            key: `${ctx.task.id}-${path}`,
          });
          return writtenChange(result);
        };

        let change: WrittenChange;
        if (ctx.isDryRun || input.validateOnly) {
          change = await write(true);
          ctx.logger.info(
            `${path} is valid and ${name} is free in ${repository.description}; nothing written. It would be:\n${text}`,
          );
        } else {
          // A retried task finds the change made and does not make it twice (nor refuse the name it now holds).
          change = await ctx.checkpoint({
            key: `slipway.manifest.create.${path}`,
            fn: () => write(false),
          });
          if (change.status === 'committed') {
            await announce(events, ctx.logger, {
              revision: change.revision,
              paths: [path],
            });
            if (catalog) {
              await waitForEntity(catalog, `component:default/${name}`, {
                timeoutMs: options.catalogWaitMs ?? 30_000,
                logger: ctx.logger,
                signal: ctx.signal,
              });
            }
          }
          ctx.logger.info(
            change.status === 'pull-request'
              ? `Opened a pull request adding ${path}: ${change.url}`
              : `Committed ${path} to ${repository.description} as ${change.revision}`,
          );
        }

        if (change.status === 'unchanged') {
          // A new file always changes the repository; this would mean the writer lost the change.
          throw new Error(`The GitOps writer reported no change for ${path}`);
        }
        ctx.output('status', change.status);
        ctx.output('diff', change.diff);
        if (change.revision) ctx.output('revision', change.revision);
        if (change.url) ctx.output('changeUrl', change.url);
        const view = repository.fileUrl(path);
        if (change.status === 'committed' && view)
          ctx.output('manifestUrl', view);
      });
    },
  });
}
