import { randomUUID } from 'node:crypto';
import { redactFreeText } from './redactFreeText';
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ActionAvailability,
  Run,
  RunRequest,
  slipwayActionExecutePermission,
  slipwayActionForcePermission,
} from '@slipway/backstage-plugin-slipway-common';
import {
  SlipwayConfig,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { Request } from 'express';
import { z } from 'zod';
import {
  ApplicationCatalog,
  VerifiedApplication,
} from '../catalog/ApplicationCatalog';
import { EnvironmentStatusService } from '../status/EnvironmentStatusService';
import { ActionAuthorizer } from './ActionAuthorizer';
import { ActionRegistry } from './ActionRegistry';
import {
  describeZodIssues,
  findEnvironment,
  normalizeEntityRef,
  sameRequest,
} from './requestChecks';
import { auditRun } from './runAudit';
import { RunStore } from './RunStore';

/** Decides whether a run must wait for approval first (docs/approvals.md); none means never. */
export interface ApprovalGate {
  /** Until when a run that must be approved may wait; undefined when it needs no approval. */
  approvalDeadline(run: {
    action: string;
    environment: SlipwayEnvironment;
    mutating: boolean;
  }): Date | undefined;
  /** Called once a run waits, e.g. to notify approvers. */
  awaiting(run: Run, entity: Entity): Promise<void>;
}

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Every run passes through the same steps, written once here: validate the input → authorize → de-duplicate →
 * check the action's preconditions → record (audit event first, then the run, whose insert also takes the lock) →
 * hand it to the worker, which executes and finishes it (RunWorker). No action repeats any of these steps.
 */
export class ActionEngine {
  constructor(
    private readonly deps: {
      store: RunStore;
      registry: ActionRegistry;
      applications: ApplicationCatalog;
      authorizer: ActionAuthorizer;
      status: EnvironmentStatusService;
      auditor: AuditorService;
      config: SlipwayConfig;
      logger: LoggerService;
      /** Called after a run is recorded, to start it without waiting for the next poll. */
      onRecorded: (run: Run, application: VerifiedApplication) => void;
      approvals?: ApprovalGate;
    },
  ) {}

  async requestRun(
    input: RunRequest,
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<{ run: Run; created: boolean }> {
    const { store, registry, authorizer, auditor } = this.deps;
    const requester = credentials.principal.userEntityRef;

    // Validate the input.
    const action = registry.action(input.action);
    if (!action) {
      throw new InputError(
        `Unknown action "${input.action}"; known actions: ${registry
          .list()
          .map(a => a.id)
          .join(', ')}`,
      );
    }
    const environment = findEnvironment(this.deps.config, input.environment);
    const entityRef = normalizeEntityRef(input.entityRef);
    const parsed = action.parameters.safeParse(input.parameters ?? {});
    if (!parsed.success)
      throw new InputError(
        `Invalid parameters of ${action.id}: ${describeZodIssues(
          parsed.error,
        )}`,
      );
    // Free text is stored, audited and shown: a secret pasted into it goes no further than here.
    const requested = redactFreeText(parsed.data);
    const target = {
      action: action.id,
      environment: environment.name,
      entityRef,
    };
    /** A request refused before anything was recorded is audited too, as a failed request without a run. */
    const refused = async (error: Error) => {
      const event = await auditRun(
        auditor,
        'slipway-run-request',
        { ...target, parameters: requested, requester },
        { request, production: environment.production },
      );
      await event.fail({ error });
      return error;
    };
    // Authorize (the policy is asked while the application is fetched); a denial is audited too.
    const [entity, decision] = await Promise.all([
      this.entity(entityRef),
      authorizer.decide(slipwayActionExecutePermission, credentials),
    ]);
    if (!authorizer.allows(decision, target, entity)) {
      // Someone who may not read the application learns nothing about it, as the catalog would answer.
      await this.deps.applications.getApplication(
        parseEntityRef(entityRef) as { namespace: string; name: string },
        credentials,
      );
      const reason = await authorizer.explainDenial(
        slipwayActionExecutePermission,
        target,
        entity,
        credentials,
      );
      throw await refused(new NotAllowedError(reason));
    }
    // Only the entity made of a manifest of the GitOps repository, and what that manifest says, are acted on.
    const checked = await this.deps.applications.check(entity);
    if ('problem' in checked)
      throw await refused(new NotAllowedError(checked.problem));
    const application = checked.application.spec;

    // De-duplicate: the same key from the same person is the same run.
    const existing = await store.findByIdempotencyKey(
      requester,
      input.idempotencyKey,
    );
    if (existing)
      return {
        run: sameRequest(existing, target, requested),
        created: false,
      };

    // Whether the action applies here (set up, something to do) — after de-duplication, so a retried request
    // still gets its run even when the run itself changed the answer (a promote done is nothing left to promote).
    const unavailable = this.deps.registry.unavailableReason(
      action,
      application,
      environment,
      this.deps.config.environments,
    );
    if (unavailable) throw await refused(new InputError(unavailable));

    // The action's own preconditions (e.g. promote: order, versions, health).
    const parameters: Record<string, unknown> = action.prepare
      ? await action
          .prepare({
            parameters: requested,
            entity,
            application,
            environment,
            environments: this.deps.config.environments,
            liveState: async name =>
              (
                await this.deps.status.forApplication(entity)
              ).environments.find(e => e.name === name)!.live,
            mayForce: async () =>
              (
                await authorizer.allowed(
                  slipwayActionForcePermission,
                  [target],
                  entity,
                  credentials,
                )
              )[0],
          })
          .catch(async error => {
            throw await refused(error);
          })
      : requested;

    // Record: the audit event first, then the run (whose insert also takes the lock). Nothing has happened yet.
    const id = randomUUID();
    const mutating =
      typeof action.mutating === 'function'
        ? action.mutating(parameters)
        : action.mutating;
    const event = await auditRun(
      auditor,
      'slipway-run-request',
      { ...target, id, parameters, requester },
      { request, production: environment.production },
    );
    const approvalExpiresAt = this.deps.approvals?.approvalDeadline({
      action: action.id,
      environment,
      mutating,
    });
    const waits = approvalExpiresAt !== undefined;
    const result = await store
      .insert({
        id,
        ...target,
        parameters,
        requester,
        idempotencyKey: input.idempotencyKey,
        mutating,
        status: waits ? 'awaiting-approval' : 'pending',
        approvalExpiresAt,
      })
      .catch(async error => {
        await event.fail({ error });
        throw error;
      });
    if (result.kind === 'duplicate') {
      await event.success({ meta: { duplicateOf: result.run.id } });
      return {
        run: sameRequest(result.run, target, requested),
        created: false,
      };
    }
    if (result.kind === 'locked') {
      const holder = result.holder;
      const error = new ConflictError(
        `${environment.title} of ${entityRef} is busy: ${holder.action} run ${holder.id} requested by ${holder.requester} at ${holder.createdAt} is ${holder.status}. Try again when it has finished.`,
      );
      // The event named the run it was about to record; say that it never was.
      await event.fail({ error, meta: { runRecorded: false } });
      throw error;
    }
    // The run is recorded (and its request audited as initiated): let the worker start while the outcome is written.
    if (!waits)
      this.deps.onRecorded(result.run, {
        entity,
        application: checked.application,
      });
    await event.success({ meta: { status: result.run.status } });
    if (waits) await this.deps.approvals!.awaiting(result.run, entity);
    return { run: result.run, created: true };
  }

  /** For each action and environment: may the viewer run it, and if not, why. One permission call for all. */
  async availability(
    ref: { namespace: string; name: string },
    credentials: UserCredentials,
  ): Promise<ActionAvailability[]> {
    const [entity, decision] = await Promise.all([
      this.deps.applications.getApplication(ref, credentials),
      this.deps.authorizer.decide(slipwayActionExecutePermission, credentials),
    ]);
    const checked = await this.deps.applications.check(entity);
    const entityRef = stringifyEntityRef(entity);
    const pairs = this.deps.registry.list().flatMap(action =>
      this.deps.config.environments.map(environment => ({
        action,
        environment,
      })),
    );
    const targets = pairs.map(({ action, environment }) => ({
      action: action.id,
      environment: environment.name,
      entityRef,
    }));
    const decisions = targets.map(target =>
      this.deps.authorizer.allows(decision, target, entity),
    );
    return Promise.all(
      pairs.map(async ({ action, environment }, i) => {
        let reason =
          'problem' in checked
            ? checked.problem
            : this.deps.registry.unavailableReason(
                action,
                checked.application.spec,
                environment,
                this.deps.config.environments,
              );
        if (!reason && !decisions[i]) {
          reason = await this.deps.authorizer.explainDenial(
            slipwayActionExecutePermission,
            targets[i],
            entity,
            credentials,
          );
        }
        return {
          action: action.id,
          title: action.title,
          description: action.description,
          environment: environment.name,
          allowed: !reason,
          ...(reason ? { reason } : {}),
          confirm: environment.production,
          parameters: z.toJSONSchema(action.parameters, {
            unrepresentable: 'any',
          }) as Record<string, unknown>,
        };
      }),
    );
  }

  /** Cancels a run: at once if it has not started, by signalling its worker if it runs. */
  async cancel(
    id: string,
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<Run> {
    const run = await this.getRun(id, credentials);
    const requester = credentials.principal.userEntityRef;
    const environment = findEnvironment(this.deps.config, run.environment);
    if (run.requester !== requester) {
      const target = {
        action: run.action,
        environment: run.environment,
        entityRef: run.entityRef,
      };
      const ref = parseEntityRef(run.entityRef);
      const entity = await this.deps.applications.getApplication(
        { namespace: ref.namespace, name: ref.name },
        credentials,
      );
      const [allowed] = await this.deps.authorizer.allowed(
        slipwayActionExecutePermission,
        [target],
        entity,
        credentials,
      );
      if (!allowed)
        throw new NotAllowedError(
          `Only ${run.requester} or someone allowed to ${run.action} here may cancel run ${id}`,
        );
    }
    const event = await auditRun(this.deps.auditor, 'slipway-run-cancel', run, {
      request,
      production: environment.production,
      meta: { cancelledBy: requester },
    });
    const done =
      (await this.deps.store.finishWaiting(
        id,
        ['pending', 'awaiting-approval'],
        'cancelled',
        `Cancelled by ${requester}`,
      )) || (await this.deps.store.requestCancel(id));
    if (!done) {
      const error = new ConflictError(
        `Run ${id} is ${run.status}; only a waiting or running run can be cancelled`,
      );
      await event.fail({ error });
      throw error;
    }
    await event.success();
    return (await this.deps.store.get(id))!;
  }

  /** A run, if the caller may see its application (the catalog decides). */
  async getRun(id: string, credentials: BackstageCredentials): Promise<Run> {
    const run = await this.deps.store.get(id);
    if (!run) throw new NotFoundError(`No run ${id}`);
    const ref = parseEntityRef(run.entityRef);
    await this.deps.applications
      .getApplication({ namespace: ref.namespace, name: ref.name }, credentials)
      .catch(() => {
        throw new NotFoundError(`No run ${id}`);
      });
    return run;
  }

  /**
   * The application a run is requested for. Looked up as Slipway sees it (briefly cached): whoever may act on it may
   * see it; whoever may not is told only what the catalog would tell them.
   */
  private async entity(entityRef: string): Promise<Entity> {
    const ref = parseEntityRef(entityRef);
    if (ref.kind !== 'component')
      throw new InputError(
        `Actions run on applications (components), not on ${ref.kind} ${entityRef}`,
      );
    return this.deps.applications.getApplicationForAction({
      namespace: ref.namespace,
      name: ref.name,
    });
  }
}
