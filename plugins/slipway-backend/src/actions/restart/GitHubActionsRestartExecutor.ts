import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import {
  ActionExecutionContext,
  ActionExecutor,
  compileTemplate,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { sleep } from '../sleep';
import { RestartParameters } from './restartAction';

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** How often GitHub is asked about the workflow run; tests shorten it. */
export interface GitHubActionsTiming {
  findRunMs: number;
  findRunAttempts: number;
  followRunMs: number;
}

/**
 * Restart through the team's GitHub Actions workflow: dispatch it with inputs, find the run it started (by the
 * Slipway run id in an input the workflow shows in its `run-name`), and follow that run to its conclusion. Each
 * step is checkpointed; a resumed run whose dispatch was not yet checkpointed looks for a workflow run showing its
 * id before it dispatches again, so a resumed Slipway run does not dispatch the workflow twice.
 */
export class GitHubActionsRestartExecutor
  implements ActionExecutor<RestartParameters>
{
  readonly id = 'github-actions';
  readonly action = 'restart';
  private readonly integrations: ScmIntegrations;

  constructor(
    rootConfig: Config,
    private readonly timing: GitHubActionsTiming = {
      findRunMs: 3000,
      findRunAttempts: 40,
      followRunMs: 5000,
    },
  ) {
    this.integrations = ScmIntegrations.fromConfig(rootConfig);
  }

  validateConfig(
    config: Config | undefined,
    { key }: { key: string; environment: SlipwayEnvironment },
  ) {
    if (!config?.getOptionalString('repository'))
      throw new Error(
        `${key}.repository: the github-actions executor needs owner/repo`,
      );
    if (!config.getOptionalString('workflow'))
      throw new Error(
        `${key}.workflow: the github-actions executor needs a workflow file name`,
      );
    compileTemplate(config.getString('repository'));
    for (const value of Object.values(
      (config.getOptional('inputs') as Record<string, string>) ?? {},
    ))
      compileTemplate(String(value));
    const host = config.getOptionalString('host') ?? 'github.com';
    if (!this.integrations.github.byHost(host))
      throw new Error(
        `${key}: no GitHub integration for ${host} (integrations.github)`,
      );
  }

  async execute(ctx: ActionExecutionContext<RestartParameters>) {
    const config = ctx.config!;
    const host = config.getOptionalString('host') ?? 'github.com';
    const repository = compileTemplate(config.getString('repository')).render(
      ctx.templateContext,
    );
    if (!REPOSITORY.test(repository))
      throw new Error(`"${repository}" is not an owner/repo name`);
    const [owner, repo] = repository.split('/');
    const workflow = config.getString('workflow');
    const ref = config.getOptionalString('ref') ?? 'main';
    const runIdInput =
      config.getOptionalString('runIdInput') ?? 'slipway_run_id';
    const inputs: Record<string, string> = Object.fromEntries(
      Object.entries(
        (config.getOptional('inputs') as Record<string, string>) ?? {},
      ).map(([k, v]) => [
        k,
        compileTemplate(String(v)).render(ctx.templateContext),
      ]),
    );
    if (runIdInput) inputs[runIdInput] = ctx.run.id;
    const octokit = await this.octokit(host, owner, repo);

    const listRuns = async (created?: string) => {
      const { data } = await github(`list runs of ${workflow}`, () =>
        octokit.rest.actions.listWorkflowRuns({
          owner,
          repo,
          workflow_id: workflow,
          event: 'workflow_dispatch',
          ...(created ? { created: `>=${created}` } : {}),
          per_page: 30,
        }),
      );
      return data.workflow_runs.find(r =>
        runIdInput
          ? `${r.display_title ?? ''} ${r.name ?? ''}`.includes(ctx.run.id)
          : true,
      );
    };

    const { dispatchedAt } = await ctx.checkpoint(
      'workflow-dispatched',
      async () => {
        // A resumed run may have dispatched before its checkpoint was stored (the backend died in between): a
        // workflow run showing this Slipway run's id says so. Without runIdInput there is no telling.
        if (ctx.run.attempt > 1 && runIdInput) {
          const earlier = await listRuns();
          if (earlier) {
            ctx.log.info(
              `Workflow ${workflow} was already dispatched by an earlier attempt of this run`,
            );
            return {
              dispatchedAt: new Date(
                Date.parse(earlier.created_at) - 60_000,
              ).toISOString(),
            };
          }
        }
        const at = new Date(Date.now() - 60_000).toISOString();
        await github(`dispatch ${workflow} in ${repository}`, () =>
          octokit.rest.actions.createWorkflowDispatch({
            owner,
            repo,
            workflow_id: workflow,
            ref,
            inputs,
          }),
        );
        ctx.log.info(
          `Dispatched workflow ${workflow} of ${repository} on ${ref}`,
        );
        return { dispatchedAt: at };
      },
    );

    const found = await ctx.checkpoint('workflow-run-found', async () => {
      for (let attempt = 0; attempt < this.timing.findRunAttempts; attempt++) {
        const run = await listRuns(dispatchedAt);
        if (run) {
          ctx.log.info(`Following workflow run ${run.html_url}`);
          return { id: run.id, url: run.html_url };
        }
        await sleep(this.timing.findRunMs, ctx.signal);
      }
      throw new Error(
        `Dispatched ${workflow}, but no run showing Slipway run ${ctx.run.id} appeared; the workflow must declare the input "${runIdInput}" and show it in its run-name (docs/actions.md)`,
      );
    });

    for (;;) {
      const { data } = await github(`read workflow run ${found.id}`, () =>
        octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: found.id }),
      );
      if (data.status === 'completed') {
        const links = [{ title: 'Workflow run', url: found.url }];
        if (data.conclusion === 'success')
          return { summary: `Workflow ${workflow} succeeded`, links };
        throw new Error(
          `Workflow ${workflow} ended with conclusion "${data.conclusion}": ${found.url}`,
        );
      }
      await sleep(this.timing.followRunMs, ctx.signal);
    }
  }

  private async octokit(host: string, owner: string, repo: string) {
    const integration = this.integrations.github.byHost(host)!;
    const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
      this.integrations,
    ).getCredentials({
      url: `https://${host}/${owner}/${repo}`,
    });
    return new Octokit({ auth: token, baseUrl: integration.config.apiBaseUrl });
  }
}

/** GitHub's answer as an error a developer can act on. */
async function github<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error: any) {
    const status = error?.status;
    const message = error?.response?.data?.message ?? error?.message;
    throw new Error(
      `Could not ${what}${status ? ` (HTTP ${status})` : ''}: ${message}`,
    );
  }
}
