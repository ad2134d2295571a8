import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  formatProblem,
  parseManifest,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionExecutionContext,
  ActionOutcome,
  ActionPreviewContext,
  getManifestValue,
  GitOpsRepository,
  ManifestIndex,
  setManifestValue,
  SLIPWAY_GITOPS_CHANGED_TOPIC,
  SlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';

/** Where an environment's version is in a manifest. */
export const versionField = (environment: string) => [
  'spec',
  'environments',
  environment,
  'version',
];

/** What a manifest change did: recorded as the run's output (and checkpoint), so plain JSON. */
export type ManifestChange = {
  status: 'committed' | 'pull-request' | 'unchanged' | 'dry-run';
  diff: string;
  revision?: string;
  url?: string;
};

/** A change to one application's manifest, made through the GitOps repository as the person who asked. */
export interface ManifestChangeRequest {
  /** Commit subject and pull request title. */
  title: string;
  /** First line of the commit body; who asked (and the run) follows. */
  description: string;
  requester: string;
  runId?: string;
  dryRun?: boolean;
  /**
   * The manifest's new text, or undefined when it already says what was asked (a resumed run then changes nothing).
   * Throw an Error, in words the requester understands, when the change no longer applies.
   */
  edit(text: string): string | undefined;
}

/** One version written into one environment of an application's manifest. */
export interface VersionChangeRequest
  extends Omit<ManifestChangeRequest, 'edit'> {
  version: string;
  /**
   * The version the environment must still declare for the change to go ahead. A run may wait for approval for
   * hours; what was approved ("1.1.0, from 1.2.0") must not silently become something else.
   */
  expected?: { version?: string; mismatch(found: unknown): string };
}

/** Promote's and Rollback's change: `spec.environments.<env>.version`, if it still declares what was expected. */
export function versionChange(
  environment: string,
  { version, expected, ...request }: VersionChangeRequest,
): ManifestChangeRequest {
  const field = versionField(environment);
  return {
    ...request,
    edit: text => {
      const current = getManifestValue(text, field);
      if (current === version) return undefined;
      if (expected && current !== expected.version)
        throw new Error(expected.mismatch(current));
      return setManifestValue(text, field, version);
    },
  };
}

/**
 * Changes an application's manifest through the GitOps repository (a commit, or a GitHub pull request), as the person
 * who asked; Promote, Rollback, Pause and Resume all change environments this way. The new manifest is validated
 * before it is written. A manifest that already says what was asked is left as it is, so a change resumed after a
 * crash is not made twice (a pull request is keyed by the run).
 */
export class ManifestWriter {
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

  /**
   * A run's change, as one checkpointed step; after a commit, the portal's index is read again and the change
   * announced. `summary` words the outcome.
   */
  async execute(
    ctx: ActionExecutionContext<any>,
    request: ManifestChangeRequest,
    summary: (change: ManifestChange) => string,
  ): Promise<ActionOutcome> {
    const change = await ctx.checkpoint('gitops-change', () =>
      this.write(ctx, request),
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
    return {
      summary: summary(change),
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

  /** Makes the change to the application's manifest (or, for a dry run, only computes the diff). */
  async write(
    ctx: Pick<ActionPreviewContext, 'application' | 'environment'>,
    request: ManifestChangeRequest,
  ): Promise<ManifestChange> {
    // From the GitOps repository's index, never from the entity (which anyone registering a location could write).
    const path = ctx.application.manifestPath;
    const environments = this.deps.config.environments.map(e => e.name);
    const result = await this.deps.repository.change({
      title: request.title,
      description: `${request.description} Requested by ${
        request.requester
      } in Slipway${request.runId ? ` (run ${request.runId})` : ''}.`,
      author: await this.author(request.requester),
      dryRun: request.dryRun,
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
            const next = request.edit(text);
            if (next === undefined) return undefined;
            const { problems } = parseManifest(next, { path, environments });
            const errors = problems.filter(p => p.severity === 'error');
            if (errors.length)
              throw new Error(
                `The changed manifest would not be valid: ${errors
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
