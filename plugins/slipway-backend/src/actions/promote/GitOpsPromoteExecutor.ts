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
  getManifestValue,
  GitOpsRepository,
  setManifestValue,
  SLIPWAY_GITOPS_CHANGED_TOPIC,
  SlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { PromoteParameters } from './promoteAction';

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
      config: SlipwayConfig;
      catalog: CatalogService;
      auth: AuthService;
      events: EventsService;
    },
  ) {}

  async execute(ctx: ActionExecutionContext<PromoteParameters>) {
    const { version, from, dryRun } = ctx.run.parameters;
    const target = ctx.environment.name;
    // From the GitOps repository's index, never from the entity (which anyone registering a location could write).
    const path = ctx.application.manifestPath;
    const field = ['spec', 'environments', target, 'version'];
    const environments = this.deps.config.environments.map(e => e.name);
    ctx.log.info(
      `${dryRun ? 'Dry run: ' : ''}${path}: ${field.join(
        '.',
      )} → ${version} (the version of ${from})`,
    );

    const change = await ctx.checkpoint('gitops-change', async () => {
      const result = await this.deps.repository.change({
        title: `Promote ${ctx.entity.metadata.name} to ${target}: ${version}`,
        description: `From ${from}. Requested by ${ctx.run.requester} in Slipway (run ${ctx.run.id}).`,
        author: await this.author(ctx.run.requester),
        dryRun,
        // Resumed after its backend died between opening the pull request and its checkpoint, the run gets that
        // pull request back; a commit needs nothing (the edit below finds the version already written).
        key: ctx.run.id,
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
    });

    // Only a commit on the branch changes what the catalog reads; a pull request does when it is merged, and the
    // catalog's polling (slipway.gitops.refreshSeconds) picks that up.
    if (change.status === 'committed') {
      await this.deps.events.publish({
        topic: SLIPWAY_GITOPS_CHANGED_TOPIC,
        eventPayload: { revision: change.revision ?? null, paths: [path] },
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
