import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  Link,
  LiveState,
  SlipwayApplicationSpec,
} from '@slipway/backstage-plugin-slipway-common';
import { z } from 'zod';
import { SlipwayEnvironment, TemplateContext } from '../config';

/** The run an executor works on. @public */
export interface ActionRun<TParams = JsonObject> {
  id: string;
  action: string;
  entityRef: string;
  environment: string;
  parameters: TParams;
  requester: string;
  /**
   * 1 on the first execution; more when the run is resumed after its backend died. A resumed step may have done its
   * side effect before its checkpoint was stored (checkpoints give at-least-once, not exactly-once): an executor
   * whose step must not happen twice checks for its own earlier effect when `attempt > 1`.
   */
  attempt: number;
}

/** Writes to the run's log, which the requester watches live. Never write secrets to it. @public */
export interface RunLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Everything an executor needs, handed over by the engine. @public */
export interface ActionExecutionContext<TParams = JsonObject> {
  run: ActionRun<TParams>;
  entity: Entity;
  application: SlipwayApplicationSpec;
  environment: SlipwayEnvironment;
  /** Template values of the application in this environment (`env.namespace` is rendered). */
  templateContext: TemplateContext;
  /** This executor's settings for this environment: `slipway.environments[].actions.<action>`. */
  config?: Config;
  log: RunLogger;
  /**
   * Runs a side effect once: the first time, `fn` runs and its result is stored; when the run is resumed after a
   * crash, the stored result is returned and `fn` does not run again. If the backend dies after `fn` did its work
   * but before the result was stored, `fn` runs again on the next attempt: make it idempotent (see `run.attempt`).
   */
  checkpoint<T extends JsonValue | void>(
    key: string,
    fn: () => Promise<T>,
  ): Promise<T>;
  /** Aborted when the run is cancelled, times out, or another instance took it over. */
  signal: AbortSignal;
}

/** What a successful execution says. Throw an Error (with a message a developer understands) to fail. @public */
export interface ActionOutcome {
  summary: string;
  links?: Link[];
  output?: JsonObject;
}

/** An implementation of an action, e.g. restart through Kubernetes. @public */
export interface ActionExecutor<TParams = JsonObject> {
  /** Unique per action, e.g. `kubernetes`; environments pick it with `actions.<action>.executor`. */
  id: string;
  action: string;
  /** Checks this executor's settings of one environment at start; throw an Error naming the key. */
  validateConfig?(
    config: Config | undefined,
    context: { key: string; environment: SlipwayEnvironment },
  ): void;
  execute(ctx: ActionExecutionContext<TParams>): Promise<ActionOutcome>;
  /**
   * Says what `execute` would do with these parameters, without doing anything (e.g. the diff a promote would
   * commit). Serves the portal's preview (`POST /previews`), which makes no run: no record, lock, log or
   * notification. Leave it out where the executor cannot answer without acting; the preview then says so.
   */
  preview?(ctx: ActionPreviewContext<TParams>): Promise<ActionOutcome>;
}

/** What an executor's preview gets: the run it would make, as parameters and requester only. @public */
export interface ActionPreviewContext<TParams = JsonObject>
  extends Pick<
    ActionExecutionContext<TParams>,
    | 'entity'
    | 'application'
    | 'environment'
    | 'templateContext'
    | 'config'
    | 'signal'
  > {
  /** The parameters the run would record (after the action's `prepare`). */
  parameters: TParams;
  requester: string;
}

/** What request-time checks may look at. @public */
export interface ActionPrepareContext<TParams> {
  parameters: TParams;
  entity: Entity;
  application: SlipwayApplicationSpec;
  environment: SlipwayEnvironment;
  environments: SlipwayEnvironment[];
  /** Argo CD's view of the application in an environment. */
  liveState(environment: string): Promise<LiveState>;
  /** Whether the requester may override safety checks (`slipway.action.force`). */
  mayForce(): Promise<boolean>;
}

/** An action people can run: restart, promote, database copy, or one a platform team adds. @public */
export interface ActionDefinition<TParams = JsonObject> {
  /** Lowercase id, e.g. `restart`. */
  id: string;
  title: string;
  description: string;
  /**
   * Its parameters (zod v4); the form is generated from their JSON Schema. `.meta({ advanced: true })` keeps a
   * parameter out of the form (API only); `.meta({ requiresForce: true })` offers it only to those allowed to force
   * (`slipway.action.force`).
   */
  parameters: z.ZodType<TParams>;
  /** Changes something: at most one mutating run per application and environment at a time. */
  mutating: boolean | ((parameters: TParams) => boolean);
  /** Time limit of one execution. */
  timeoutSeconds: number;
  /** After a crash, resume (its steps are checkpointed) rather than mark the run interrupted. */
  resumable: boolean;
  /** The executor used where the environment's configuration names none. */
  defaultExecutor?: string;
  /**
   * Why the action does not apply to this application in this environment, if it does not: in words a developer can
   * act on, with configuration keys and the like in `detail`.
   */
  unavailableReason?(ctx: {
    application: SlipwayApplicationSpec;
    environment: SlipwayEnvironment;
    environments: SlipwayEnvironment[];
    /** The application's entity. The engine always gives it; optional so that tests of an action may leave it out. */
    entity?: Entity;
  }):
    | string
    | ActionRefusal
    | undefined
    | Promise<string | ActionRefusal | undefined>;
  /**
   * Fits the form to one application and environment, so that each control shows what will happen: defaults that
   * depend on the application (e.g. masking on where a masking script is configured), and parameters that do not
   * apply there, left out of the form.
   */
  form?(ctx: {
    entity: Entity;
    application: SlipwayApplicationSpec;
    environment: SlipwayEnvironment;
  }): ActionForm<TParams> | Promise<ActionForm<TParams>>;
  /**
   * Checks that need the application, run when the request arrives (before anything is recorded). Returns the
   * parameters to record (e.g. with the resolved version); throws InputError, ConflictError or NotAllowedError.
   */
  prepare?(ctx: ActionPrepareContext<TParams>): Promise<TParams>;
}

/**
 * Why an action cannot be run: `reason` for the person who sees the disabled button (what is wrong, what to do),
 * `detail` for the platform engineer (configuration keys, permission names, entity references). @public
 */
export interface ActionRefusal {
  reason: string;
  detail?: string;
}

/** How an action's form differs for one application and environment (see `ActionDefinition.form`). @public */
export interface ActionForm<TParams> {
  /** Values the form starts with, as the run would take them when left alone. */
  defaults?: Partial<TParams>;
  /** Values that cannot be changed here (e.g. masking a masking script requires): shown, but read-only. */
  fixed?: Partial<TParams>;
  /** Parameters that do not apply here. */
  omit?: Array<keyof TParams & string>;
  /**
   * The only values a parameter takes here, each with the words the form shows for it (e.g. the versions a rollback
   * can go back to, with when each was deployed). The form offers them as a choice (JSON Schema `oneOf` of `const`
   * and `title`); the action's `prepare` still checks the value, since a request need not come from the form.
   */
  choices?: { [K in keyof TParams & string]?: ActionChoice[] };
}

/** One value a form offers for a parameter (see `ActionForm.choices`). @public */
export interface ActionChoice {
  value: string;
  label: string;
}

/** Lets backend modules add actions and executors. @public */
export interface SlipwayActionsExtensionPoint {
  addAction(...actions: ActionDefinition<any>[]): void;
  addExecutor(...executors: ActionExecutor<any>[]): void;
}
