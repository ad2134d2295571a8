import { Config } from '@backstage/config';
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
import { RollbackParameters } from './rollbackAction';

/** At most this many earlier versions in the form: a longer list is a history browser, not a rollback. */
const MAX_VERSIONS = 20;

/**
 * Rollback by writing an earlier version into `spec.environments.<env>.version` of the application's manifest, as
 * Promote writes (ManifestWriter: validated, a commit or a pull request, as the requester). The version the
 * run replaces must still be the one declared when it executes: a production rollback may wait hours for approval,
 * and what was approved must not become a different change.
 */
export class GitOpsRollbackExecutor
  implements ActionExecutor<RollbackParameters>
{
  readonly id = 'gitops';
  readonly action = 'rollback';
  private readonly writer: ManifestWriter;

  constructor(deps: ConstructorParameters<typeof ManifestWriter>[0]) {
    this.writer = new ManifestWriter(deps);
  }

  validateConfig(config: Config | undefined, context: { key: string }) {
    const versions = config?.getOptional('versions');
    if (
      versions !== undefined &&
      !(
        typeof versions === 'number' &&
        Number.isInteger(versions) &&
        versions >= 1 &&
        versions <= MAX_VERSIONS
      )
    )
      throw new Error(
        `${context.key}.versions: must be a whole number from 1 to ${MAX_VERSIONS} (how many earlier versions the form offers)`,
      );
  }

  async execute(ctx: ActionExecutionContext<RollbackParameters>) {
    const { version, previousVersion, dryRun } = ctx.run.parameters;
    const target = ctx.environment.name;
    ctx.log.info(
      `${dryRun ? 'Dry run: ' : ''}${
        ctx.application.manifestPath
      }: ${versionField(target).join(
        '.',
      )} → ${version} (back from ${previousVersion})`,
    );
    return this.writer.execute(
      ctx,
      versionChange(
        target,
        this.request(ctx, ctx.run.parameters, ctx.run.requester, ctx.run.id),
      ),
      change =>
        ({
          'dry-run': `Dry run: ${target} would go back to ${version} (from ${previousVersion})`,
          unchanged: `${target} already declares ${version}`,
          committed: `Rolled back ${target} to ${version} (from ${previousVersion}), committed ${String(
            change.revision,
          ).slice(0, 12)}`,
          'pull-request': `Opened a pull request rolling ${target} back to ${version} (from ${previousVersion})`,
        }[change.status]),
    );
  }

  /** The diff the rollback would make, read from the repository as it is now; nothing is written. */
  async preview(ctx: ActionPreviewContext<RollbackParameters>) {
    const { version, previousVersion } = ctx.parameters;
    const change = await this.writer.write(
      ctx,
      versionChange(
        ctx.environment.name,
        this.request(ctx, { ...ctx.parameters, dryRun: true }, ctx.requester),
      ),
    );
    return {
      summary: change.diff
        ? `${ctx.environment.title} would go back to ${version} (from ${previousVersion}): ${ctx.application.manifestPath} changes in the GitOps repository`
        : `${ctx.environment.title} already declares ${version}: nothing would change`,
      output: change,
    };
  }

  private request(
    ctx: Pick<ActionPreviewContext, 'entity' | 'environment'>,
    parameters: RollbackParameters,
    requester: string,
    runId?: string,
  ): VersionChangeRequest {
    const { version, previousVersion, deployedAt, deployedBy, dryRun } =
      parameters;
    const { environment } = ctx;
    return {
      version: version!,
      title: `Roll back ${ctx.entity.metadata.name} in ${environment.name} to ${version} (from ${previousVersion})`,
      description: `${version} was deployed ${
        deployedAt ? `on ${deployedAt} ` : ''
      }by ${deployedBy ?? 'an earlier commit'}.`,
      requester,
      runId,
      dryRun,
      expected: {
        version: previousVersion,
        mismatch: found =>
          `${environment.title} declares ${
            found ?? 'no version'
          } now, not the ${previousVersion} this rollback was asked to replace, so nothing was changed. Ask again to roll back from what it runs now.`,
      },
    };
  }
}
