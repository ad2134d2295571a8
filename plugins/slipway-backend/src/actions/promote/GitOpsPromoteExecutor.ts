import {
  ActionExecutionContext,
  ActionExecutor,
  ActionPreviewContext,
} from '@slipway/backstage-plugin-slipway-node';
import {
  ManifestWriter,
  VersionChangeRequest,
  versionChange,
  versionField,
} from '../ManifestWriter';
import { PromoteParameters } from './promoteAction';

/**
 * Promote by changing `spec.environments.<env>.version` in the application's manifest, through the GitOps repository
 * (a commit, or a GitHub pull request); ManifestWriter validates, writes and keeps it from happening twice.
 */
export class GitOpsPromoteExecutor
  implements ActionExecutor<PromoteParameters>
{
  readonly id = 'gitops';
  readonly action = 'promote';
  private readonly writer: ManifestWriter;

  constructor(deps: ConstructorParameters<typeof ManifestWriter>[0]) {
    this.writer = new ManifestWriter(deps);
  }

  async execute(ctx: ActionExecutionContext<PromoteParameters>) {
    const { version, from, dryRun } = ctx.run.parameters;
    const target = ctx.environment.name;
    ctx.log.info(
      `${dryRun ? 'Dry run: ' : ''}${
        ctx.application.manifestPath
      }: ${versionField(target).join(
        '.',
      )} → ${version} (the version of ${from})`,
    );
    return this.writer.execute(
      ctx,
      versionChange(
        target,
        this.request(ctx, ctx.run.parameters, ctx.run.requester, ctx.run.id),
      ),
      change =>
        ({
          'dry-run': `Dry run: ${target} would go to ${version}`,
          unchanged: `${target} already declares ${version}`,
          committed: `Promoted to ${target}: ${version}, committed ${String(
            change.revision,
          ).slice(0, 12)}`,
          'pull-request': `Opened a pull request promoting ${target} to ${version}`,
        }[change.status]),
    );
  }

  /** The diff the promote would make, read from the repository as it is now; nothing is written. */
  async preview(ctx: ActionPreviewContext<PromoteParameters>) {
    const { version, from } = ctx.parameters;
    const change = await this.writer.write(
      ctx,
      versionChange(
        ctx.environment.name,
        this.request(ctx, { ...ctx.parameters, dryRun: true }, ctx.requester),
      ),
    );
    return {
      summary: change.diff
        ? `${ctx.environment.title} would go to ${version} (the version of ${from}): ${ctx.application.manifestPath} changes in the GitOps repository`
        : `${ctx.environment.title} already declares ${version}: nothing would change`,
      output: change,
    };
  }

  private request(
    ctx: Pick<ActionPreviewContext, 'entity' | 'environment'>,
    parameters: PromoteParameters,
    requester: string,
    runId?: string,
  ): VersionChangeRequest {
    const { version, from, dryRun } = parameters;
    return {
      version: version!,
      title: `Promote ${ctx.entity.metadata.name} to ${ctx.environment.name}: ${version}`,
      description: `From ${from}.`,
      requester,
      runId,
      dryRun,
    };
  }
}
