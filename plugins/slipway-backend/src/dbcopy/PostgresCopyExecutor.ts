import { NotAllowedError } from '@backstage/errors';
import {
  ActionExecutionContext,
  ActionExecutor,
  ActionOutcome,
  DatabaseCopyConfig,
  DatabaseServer,
} from '@slipway/backstage-plugin-slipway-node';
import {
  encryptPassword,
  generatePassword,
  scramVerifier,
} from './copyCredentials';
import { DatabaseCopyStore } from './DatabaseCopyStore';
import { assertPlainName, copyName } from './copyNames';
import {
  DatabaseClaimants,
  DbCopyParameters,
  sharedDatabaseReason,
} from './dbCopyAction';
import { CopyProgress, dumpIntoRestore } from './dumpIntoRestore';
import { PostgresAdmin } from './PostgresAdmin';

const HOUR = 3600_000;

/** What the plan step decides once; a resumed run makes the same copy. */
interface CopyPlan {
  name: string;
  component: string;
  sourceDatabase: string;
  sourceEnvironment: string;
  ttlHours: number;
  masking: boolean;
  [key: string]: string | number | boolean;
}

/** `1.2 GB` */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit && value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The secret a copy's password is encrypted with: the configured key, else the target server's password. */
export function credentialsSecret(
  config: DatabaseCopyConfig,
  server: DatabaseServer,
): string {
  const secret = config.credentialsKey ?? server.password;
  if (!secret)
    throw new Error(
      'slipway.databases.credentialsKey is needed: the target server has no password',
    );
  return secret;
}

/**
 * Makes a database copy with pg_dump and pg_restore (dumpIntoRestore), as the servers' administrators:
 *
 * 1. record the copy (`creating`) in the copies table, before anything exists on a server;
 * 2. drop whatever an interrupted earlier attempt of this run left, create an empty database and a role;
 * 3. stream the source into it, with progress in the run log; run the masking script;
 * 4. give the database to its role, let the role log in with a generated password until the copy expires, and
 *    mark the copy `ready`.
 *
 * When any step fails (or the run is cancelled or times out), the database and role are dropped before the error is
 * reported, and the copy is marked `failed`. If the backend dies instead, the run is resumed and starts over at 2;
 * or, if it is not resumed, the expiry task finds the copy still `creating` under a finished run and drops it.
 */
export class PostgresCopyExecutor implements ActionExecutor<DbCopyParameters> {
  readonly id = 'postgres';
  readonly action = 'db-copy';
  private readonly admin = new PostgresAdmin();

  constructor(
    private readonly deps: {
      config: DatabaseCopyConfig;
      store: DatabaseCopyStore;
      claimants: DatabaseClaimants;
      /** How often progress is written to the run log. Default: every 10 s. */
      progressIntervalMs?: number;
    },
  ) {}

  async execute(
    ctx: ActionExecutionContext<DbCopyParameters>,
  ): Promise<ActionOutcome> {
    const { config, store } = this.deps;
    const plan = await ctx.checkpoint('plan', async () => this.plan(ctx));
    const source = this.server(plan.sourceEnvironment);
    const target = this.server(ctx.run.environment);

    const made = await ctx.checkpoint('copy', async () => {
      const existing = await store.get(ctx.run.id);
      if (existing?.status === 'ready')
        return { expiresAt: existing.expiresAt.toISOString() };
      // An earlier attempt of this run failed and dropped its copy (e.g. the backend shut down mid-copy and handed
      // the run back): this attempt starts over.
      if (existing && existing.status !== 'creating') {
        if (!(await store.reopen(ctx.run.id)))
          throw new Error(
            `The copy ${plan.name} is ${existing.status}; it cannot be made again`,
          );
        ctx.log.info(
          `Starting over: the previous attempt ended with "${existing.dropReason}"`,
        );
      }
      const now = Date.now();
      await store.insert({
        id: ctx.run.id,
        entityRef: ctx.run.entityRef,
        environment: ctx.run.environment,
        sourceEnvironment: plan.sourceEnvironment,
        component: plan.component,
        sourceDatabase: plan.sourceDatabase,
        database: plan.name,
        role: plan.name,
        requester: ctx.run.requester,
        masked: plan.masking,
        // Provisional: the time to live counts from when the copy is ready.
        expiresAt: new Date(now + plan.ttlHours * HOUR),
        maxExpiresAt: new Date(now + config.ttl.maxHours * HOUR),
      });
      try {
        return await this.make(ctx, plan, source, target);
      } catch (error) {
        await this.discard(ctx, plan, target, error);
        throw error;
      }
    });

    const summary = `Copied ${plan.sourceDatabase} (${plan.component}, ${
      plan.sourceEnvironment
    }) into ${plan.name} in ${ctx.environment.title}${
      plan.masking ? ', masked' : ''
    }; it is dropped at ${made.expiresAt}`;
    return {
      summary,
      // Nothing secret: the connection details are only shown to the requester, through the copies API.
      output: {
        copyId: ctx.run.id,
        database: plan.name,
        environment: ctx.run.environment,
        expiresAt: made.expiresAt,
        masked: plan.masking,
      },
    };
  }

  private plan(ctx: ActionExecutionContext<DbCopyParameters>): CopyPlan {
    const { config } = this.deps;
    const { component, ttlHours, masking } = ctx.run.parameters;
    const declared = ctx.application.components.find(
      c => c.name === component && c.type === 'postgres',
    );
    if (!component || !declared?.database)
      throw new Error(
        `The manifest no longer declares the postgres component ${component}`,
      );
    if (!config.sourceEnvironment)
      throw new Error('No environment to copy from (slipway.databases.source)');
    // The run may have waited for approval while another manifest came to declare the database.
    const shared = sharedDatabaseReason(this.deps.claimants, declared.database);
    if (shared) throw new NotAllowedError(shared);
    return {
      name: copyName(ctx.entity.metadata.name, component, ctx.run.id),
      component,
      sourceDatabase: assertPlainName(declared.database, 'The source database'),
      sourceEnvironment: config.sourceEnvironment,
      ttlHours: ttlHours ?? config.ttl.defaultHours,
      masking: Boolean(masking),
    };
  }

  private server(environment: string): DatabaseServer {
    const server = this.deps.config.servers[environment];
    if (!server)
      throw new Error(
        `No database server is configured for ${environment} (slipway.databases.servers.${environment})`,
      );
    return server;
  }

  private async make(
    ctx: ActionExecutionContext<DbCopyParameters>,
    plan: CopyPlan,
    source: DatabaseServer,
    target: DatabaseServer,
  ): Promise<{ expiresAt: string }> {
    const { config, store } = this.deps;
    if (await this.admin.drop(target, plan.name))
      ctx.log.warn(
        `Dropped ${plan.name}, left by an interrupted attempt; starting over`,
      );
    ctx.signal.throwIfAborted();

    const described = await this.admin.describeSource(
      source,
      plan.sourceDatabase,
    );
    ctx.log.info(
      `Copying ${plan.sourceDatabase} from ${plan.sourceEnvironment} (${
        described.tables
      } tables, ${formatBytes(described.sizeBytes)} on disk) into ${
        plan.name
      } on ${target.host}`,
    );
    await this.admin.createEmpty(
      target,
      plan.name,
      described,
      `Slipway copy of ${plan.sourceDatabase} (${plan.sourceEnvironment}) for ${ctx.run.requester}, run ${ctx.run.id}`,
    );
    ctx.signal.throwIfAborted();

    const started = Date.now();
    let lastLogged = 0;
    const report = (p: CopyProgress, final = false) => {
      if (
        !final &&
        Date.now() - lastLogged < (this.deps.progressIntervalMs ?? 10_000)
      )
        return;
      lastLogged = Date.now();
      ctx.log.info(
        `${final ? 'Copied' : `Copying (${p.phase})`}: ${Math.min(
          p.tablesStarted,
          described.tables,
        )} of ${described.tables} tables, ${formatBytes(
          p.bytes,
        )} streamed in ${Math.round((Date.now() - started) / 1000)} s`,
      );
    };
    const copied = await dumpIntoRestore({
      source: { server: source, database: plan.sourceDatabase },
      target: { server: target, database: plan.name },
      binDir: config.binDir,
      signal: ctx.signal,
      onProgress: p => report(p),
    });
    report(copied, true);

    if (plan.masking) {
      const script = config.masking[ctx.entity.metadata.name]?.[plan.component];
      if (!script)
        throw new Error(
          `The masking script of ${plan.component} is no longer configured`,
        );
      const masked = await this.admin.mask(target, plan.name, script.sql);
      ctx.log.info(
        `Masked: ${masked.statements} statements changed ${masked.rows} rows`,
      );
    }
    ctx.signal.throwIfAborted();

    const readyAt = new Date();
    const expiresAt = new Date(readyAt.getTime() + plan.ttlHours * HOUR);
    const maxExpiresAt = new Date(
      readyAt.getTime() + config.ttl.maxHours * HOUR,
    );
    const password = generatePassword();
    await this.admin.handOver(
      target,
      plan.name,
      scramVerifier(password),
      expiresAt,
    );
    const marked = await store.markReady(ctx.run.id, {
      readyAt,
      expiresAt,
      maxExpiresAt,
      password: encryptPassword(
        password,
        credentialsSecret(config, target),
        ctx.run.id,
      ),
    });
    if (!marked)
      throw new Error(`The copy ${plan.name} was dropped while it was made`);
    ctx.log.info(
      `${
        plan.name
      } is ready until ${expiresAt.toISOString()}; its connection details are on the application's Platform tab, for ${
        ctx.run.requester
      } only`,
    );
    return { expiresAt: expiresAt.toISOString() };
  }

  /** A copy that failed leaves nothing: its database and role are dropped, and it is recorded as failed. */
  private async discard(
    ctx: ActionExecutionContext<DbCopyParameters>,
    plan: CopyPlan,
    target: DatabaseServer,
    error: unknown,
  ) {
    const { store } = this.deps;
    const reason = `The copy failed: ${(error as Error)?.message ?? error}`;
    try {
      await store.claimForDrop(ctx.run.id, ['creating'], reason);
      await this.admin.drop(target, plan.name);
      await store.finishDrop(ctx.run.id, 'failed');
      ctx.log.warn(`Dropped the unfinished copy ${plan.name}`);
    } catch (cleanup) {
      // The expiry task tries again; the run still fails with the original error.
      await store
        .recordError(ctx.run.id, String((cleanup as Error)?.message ?? cleanup))
        .catch(() => {});
      ctx.log.error(
        `Could not drop the unfinished copy ${plan.name} yet (${
          (cleanup as Error)?.message ?? cleanup
        }); the expiry task will`,
      );
    }
  }
}
