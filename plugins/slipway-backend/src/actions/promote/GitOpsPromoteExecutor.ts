import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  formatProblem,
  parseManifest,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionExecutionContext,
  ActionExecutor,
  ActionPreviewContext,
  getManifestValue,
  GitOpsRepository,
  ManifestIndex,
  setManifestValue,
  SLIPWAY_GITOPS_CHANGED_TOPIC,
  SlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { PromoteParameters } from './promoteAction';

/** Where an environment's version is in a manifest. */
const FIELD = (environment: string) => [
  'spec',
  'environments',
  environment,
  'version',
];

/**
 * Promote by changing `spec.environments.<env>.version` in the application's manifest, through the GitOps repository
 * (a commit, or a GitHub pull request). The new manifest is validated before it is written. The change is
 * checkpointed; and since the edit leaves an already-promoted manifest unchanged (and a pull request is keyed by the
 * run), even a change made just before a crash is not made twice.
 */
export class GitOpsPromoteExecutor
  implements ActionExecutor<PromoteParameters>
{
  readonly id = 'gitops';
  readonly action = 'promote';

  constructor(
    private readonly deps: {
      repository: GitOpsRepository;
      /** Read again after a commit, so the portal shows the new version at once (the catalog follows later). */
      index?: ManifestIndex;
      config: SlipwayConfig;
      catalog: CatalogService;
      auth: AuthService;
      events: EventsService;
    },
  ) {}

  async execute(ctx: ActionExecutionContext<PromoteParameters>) {
    const { version, from, dryRun } = ctx.run.parameters;
    const target = ctx.environment.name;
    ctx.log.info(
      `${dryRun ? 'Dry run: ' : ''}${ctx.application.manifestPath}: ${FIELD(
        target,
      ).join('.')} → ${version} (the version of ${from})`,
    );

    const change = await ctx.checkpoint('gitops-change', () =>
      this.change(ctx, {
        parameters: ctx.run.parameters,
        requester: ctx.run.requester,
        runId: ctx.run.id,
      }),
    );

    // Only a commit on the branch changes what the catalog reads; a pull request does when it is merged, and the
    // catalog's polling (slipway.gitops.refreshSeconds) picks that up.
    if (change.status === 'committed') {
      await this.deps.index
        ?.refresh()
        .catch(error =>
          ctx.log.warn(
            `The portal shows the new version once the GitOps repository is read again: ${error}`,
          ),
        );
      await this.deps.events.publish({
        topic: SLIPWAY_GITOPS_CHANGED_TOPIC,
        eventPayload: {
          revision: change.revision ?? null,
          paths: [ctx.application.manifestPath],
        },
      });
    }
    if (change.diff) ctx.log.info(change.diff);
    const summary = {
      'dry-run': `Dry run: ${target} would go to ${version}`,
      unchanged: `${target} already declares ${version}`,
      committed: `Promoted to ${target}: ${version}, committed ${String(
        change.revision,
      ).slice(0, 12)}`,
      'pull-request': `Opened a pull request promoting ${target} to ${version}`,
    }[change.status];
    return {
      summary,
      ...(change.url
        ? {
            links: [
              {
                title:
                  change.status === 'pull-request' ? 'Pull request' : 'Commit',
                url: change.url,
              },
            ],
          }
        : {}),
      output: change,
    };
  }

  /** The diff the promote would make, read from the repository as it is now; nothing is written. */
  async preview(ctx: ActionPreviewContext<PromoteParameters>) {
    const { version, from } = ctx.parameters;
    const change = await this.change(ctx, {
      parameters: { ...ctx.parameters, dryRun: true },
      requester: ctx.requester,
    });
    return {
      summary: change.diff
        ? `${ctx.environment.title} would go to ${version} (the version of ${from}): ${ctx.application.manifestPath} changes in the GitOps repository`
        : `${ctx.environment.title} already declares ${version}: nothing would change`,
      output: change,
    };
  }

  /** Writes the version into the environment's manifest (or, for a dry run, only computes the diff). */
  private async change(
    ctx: Pick<ActionPreviewContext, 'entity' | 'application' | 'environment'>,
    request: {
      parameters: PromoteParameters;
      requester: string;
      runId?: string;
    },
  ) {
    const { version, from, dryRun } = request.parameters;
    const target = ctx.environment.name;
    // From the GitOps repository's index, never from the entity (which anyone registering a location could write).
    const path = ctx.application.manifestPath;
    const field = FIELD(target);
    const environments = this.deps.config.environments.map(e => e.name);
    const result = await this.deps.repository.change({
      title: `Promote ${ctx.entity.metadata.name} to ${target}: ${version}`,
      description: `From ${from}. Requested by ${request.requester} in Slipway${
        request.runId ? ` (run ${request.runId})` : ''
      }.`,
      author: await this.author(request.requester),
      dryRun,
      // Resumed after its backend died between opening the pull request and its checkpoint, the run gets that
      // pull request back; a commit needs nothing (the edit below finds the version already written).
      key: request.runId,
      files: [
        {
          path,
          edit: text => {
            if (text === undefined)
              throw new Error(
                `The manifest ${path} is no longer in the GitOps repository`,
              );
            if (getManifestValue(text, field) === version) return undefined;
            const next = setManifestValue(text, field, version!);
            const { problems } = parseManifest(next, { path, environments });
            const errors = problems.filter(p => p.severity === 'error');
            if (errors.length)
              throw new Error(
                `The promoted manifest would not be valid: ${errors
                  .map(formatProblem)
                  .join('; ')}`,
              );
            return next;
          },
        },
      ],
    });
    return {
      status: result.status,
      diff: result.diff,
      ...(result.revision ? { revision: result.revision } : {}),
      ...(result.url ? { url: result.url } : {}),
    };
  }

  /** The commit's author is the person who asked, as the catalog knows them. */
  private async author(userRef: string) {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const user = await this.deps.catalog
      .getEntityByRef(userRef, { credentials })
      .catch(() => undefined);
    const profile = (user?.spec?.profile ?? {}) as {
      displayName?: string;
      email?: string;
    };
    const name = userRef.replace(/^user:(default\/)?/, '');
    return {
      name: profile.displayName ?? name,
      email: profile.email ?? `${name}@users.slipway.local`,
    };
  }
}
