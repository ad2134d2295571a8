import { Config } from '@backstage/config';
import {
  ActionExecutionContext,
  ActionExecutor,
  ActionPreviewContext,
  getManifestValue,
  removeManifestValue,
  setManifestValue,
} from '@slipway/backstage-plugin-slipway-node';
import { ManifestChangeRequest, ManifestWriter } from '../ManifestWriter';
import { PauseParameters, ResumeParameters } from './pauseActions';

type Parameters = PauseParameters & ResumeParameters;

type Mode = 'pause' | 'resume';

/** An environment's entry in a manifest, as far as pausing goes. */
type EnvironmentEntry = {
  replicas?: number;
  paused?: { since?: string; replicas?: number; until?: string };
};

/**
 * Pause and Resume through the GitOps repository, one executor class for both. Pause writes `replicas: 0` into the
 * environment's manifest entry with `paused: { since, replicas }` — the replicas it had, read when the change is made
 * — and Resume restores them and removes `paused`; ManifestWriter commits (or opens a pull request) as the requester.
 * Argo CD then applies the manifest, so its self-heal keeps the environment paused instead of undoing it. An entry
 * that is already paused (or running) is left as it is, so a run resumed after a crash never writes twice.
 */
export class GitOpsPauseExecutor implements ActionExecutor<Parameters> {
  readonly id = 'gitops';
  private readonly writer: ManifestWriter;

  constructor(
    readonly action: Mode,
    deps: ConstructorParameters<typeof ManifestWriter>[0],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.writer = new ManifestWriter(deps);
  }

  /** A pause nobody can resume from the portal would last until someone edits the manifest by hand. */
  validateConfig(
    _config: Config | undefined,
    context: { key: string; environment: { actions: Record<string, unknown> } },
  ) {
    if (this.action === 'pause' && !context.environment.actions.resume)
      throw new Error(
        `${context.key}: an environment with Pause needs Resume too (actions.resume.executor: gitops), or what is paused stays paused`,
      );
  }

  async execute(ctx: ActionExecutionContext<Parameters>) {
    const target = ctx.environment.name;
    const request = this.request(ctx, ctx.run.parameters, ctx.run.requester);
    return this.writer.execute(
      ctx,
      { ...request, runId: ctx.run.id },
      change =>
        ({
          'dry-run': `Dry run: ${target} would be ${
            this.action === 'pause' ? 'paused' : 'resumed'
          }`,
          unchanged:
            this.action === 'pause'
              ? `${target} was already paused`
              : `${target} was already running`,
          committed: `${
            this.action === 'pause' ? 'Paused' : 'Resumed'
          } ${target}, committed ${String(change.revision).slice(0, 12)}`,
          'pull-request': `Opened a pull request ${
            this.action === 'pause' ? 'pausing' : 'resuming'
          } ${target}`,
        }[change.status]),
    );
  }

  /** The diff Pause or Resume would make, read from the repository as it is now; nothing is written. */
  async preview(ctx: ActionPreviewContext<Parameters>) {
    const change = await this.writer.write(
      ctx,
      this.request(ctx, { ...ctx.parameters, dryRun: true }, ctx.requester),
    );
    const verb = this.action === 'pause' ? 'be paused' : 'start again';
    return {
      summary: change.diff
        ? `${ctx.environment.title} would ${verb}: ${ctx.application.manifestPath} changes in the GitOps repository`
        : `${ctx.environment.title} is already ${
            this.action === 'pause' ? 'paused' : 'running'
          }: nothing would change`,
      output: change,
    };
  }

  private request(
    ctx: Pick<ActionPreviewContext, 'entity' | 'environment' | 'application'>,
    { reason, dryRun, until }: Parameters,
    requester: string,
  ): ManifestChangeRequest {
    const environment = ctx.environment.name;
    const entry = ['spec', 'environments', environment];
    const name = ctx.entity.metadata.name;
    const because = reason ? ` Reason: ${reason}` : '';
    const read = (text: string) => {
      const found = getManifestValue(text, entry) as EnvironmentEntry | null;
      if (!found || typeof found !== 'object')
        throw new Error(
          `${ctx.application.manifestPath} no longer deploys ${name} to ${environment}, so nothing was changed.`,
        );
      return found;
    };
    if (this.action === 'pause')
      return {
        title: `Pause ${name} in ${environment}`,
        description: `Runs no replicas until ${
          until ? `${until}, or until ` : ''
        }resumed.${because}`,
        requester,
        dryRun,
        edit: text => {
          const found = read(text);
          if (found.paused) return undefined;
          if (found.replicas === 0)
            throw new Error(
              `${environment} already declares no replicas, so there is nothing to pause and nothing was changed.`,
            );
          let next = setManifestValue(text, [...entry, 'replicas'], 0);
          next = setManifestValue(
            next,
            [...entry, 'paused', 'since'],
            this.now().toISOString(),
          );
          if (found.replicas !== undefined)
            next = setManifestValue(
              next,
              [...entry, 'paused', 'replicas'],
              found.replicas,
            );
          return until
            ? setManifestValue(next, [...entry, 'paused', 'until'], until)
            : next;
        },
      };
    return {
      title: `Resume ${name} in ${environment}`,
      description: `Back to the replicas it had before it was paused.${because}`,
      requester,
      dryRun,
      edit: text => {
        const found = read(text);
        if (!found.paused) return undefined;
        const restored = found.paused.replicas;
        const next =
          restored === undefined
            ? removeManifestValue(text, [...entry, 'replicas'])
            : setManifestValue(text, [...entry, 'replicas'], restored);
        return removeManifestValue(next, [...entry, 'paused']);
      },
    };
  }
}
