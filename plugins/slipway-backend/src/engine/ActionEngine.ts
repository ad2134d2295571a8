import { randomUUID } from 'node:crypto';
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
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ActionAvailability,
  Run,
  RunPreview,
  RunRequest,
  slipwayActionExecutePermission,
  slipwayActionForcePermission,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionExecutor,
  ActionRefusal,
  manifestTemplateContext,
  SlipwayConfig,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { Request } from 'express';
import {
  ApplicationCatalog,
  VerifiedApplication,
} from '../catalog/ApplicationCatalog';
import { EnvironmentStatusService } from '../status/EnvironmentStatusService';
import { relativeTime } from '../relativeTime';
import { ActionAuthorizer, titleOf } from './ActionAuthorizer';
import { ActionRegistry } from './ActionRegistry';
import { actionFormFor } from './actionForm';
import { requesterRef, RunAdmission, RunRequester } from './RunAdmission';
import { findEnvironment, sameRequest } from './requestChecks';
import { auditRun } from './runAudit';
import { RunQuery, RunStore } from './RunStore';

/** What the engine asks of this instance's worker (RunWorker). */
export interface LocalWorker {
  /** A free execution slot, held until the run is handed over or released; undefined when there is none. */
  reserveSlot():
    | {
        worker: string;
        execute(run: Run, application: VerifiedApplication): void;
        release(): void;
      }
    | undefined;
  /** Look for pending runs now (one was recorded without a slot). */
  poll(): void;
}

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

/** A preview reads the repository or asks an API; past this it is given up. */
const PREVIEW_TIMEOUT_MS = 30_000;

/**
 * Every run passes through the same steps, written once here: validate the input → authorize → de-duplicate →
 * check the action's preconditions → record (audit event first, then the run, whose insert also takes the lock) →
 * hand it to the worker, which executes and finishes it (RunWorker). No action repeats any of these steps.
 */
function executorHasPreview(
  registry: ActionRegistry,
  action: Parameters<ActionRegistry['executorFor']>[0],
  environment: Parameters<ActionRegistry['executorFor']>[1],
): boolean {
  const choice = registry.executorFor(action, environment);
  return 'executor' in choice && Boolean(choice.executor.preview);
}

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
      /** This instance's worker: a run it has room for is recorded already claimed by it and starts at once. */
      worker: LocalWorker;
      approvals?: ApprovalGate;
    },
  ) {
    this.admission = new RunAdmission(deps);
  }

  private readonly admission: RunAdmission;

  async requestRun(
    input: RunRequest,
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<{ run: Run; created: boolean }> {
    return this.record(input, { credentials }, request);
  }

  /**
   * A run a schedule of the platform team's configuration asks for (e.g. Pause at night): the same steps as a
   * person's request, except that configuration stands for the permission policy and for approval, and nothing
   * overrides a safety check. Its idempotency key makes a schedule ask once however many replicas tick.
   */
  async requestScheduledRun(
    input: RunRequest,
    schedule: string,
  ): Promise<{ run: Run; created: boolean }> {
    return this.record(input, { schedule });
  }

  private async record(
    input: RunRequest,
    who: RunRequester,
    request?: Request<any, any, any, any, any>,
  ): Promise<{ run: Run; created: boolean }> {
    const { store, auditor } = this.deps;
    const requester = requesterRef(who);
    const admitted = await this.admission.admit(input, who, {
      eventId: 'slipway-run-request',
      request,
    });
    const { action, environment, target, requested, verified } = admitted;

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

    // Whether the action applies and its preconditions hold — after de-duplication, so a retried request still gets
    // its run even when the run itself changed the answer (a promote done is nothing left to promote).
    const parameters = await this.admission.prepare(admitted, who);

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
    const approvalExpiresAt =
      'credentials' in who
        ? this.deps.approvals?.approvalDeadline({
            action: action.id,
            environment,
            mutating,
          })
        : undefined;
    const waits = approvalExpiresAt !== undefined;
    // A slot of this instance's worker, when it has one: the run is recorded claimed by it and starts at once.
    const slot = waits ? undefined : this.deps.worker.reserveSlot();
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
        claimedBy: slot?.worker,
      })
      .catch(async error => {
        slot?.release();
        await event.fail({ error });
        throw error;
      });
    if (result.kind !== 'recorded') slot?.release();
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
        `${environment.title} of ${titleOf(verified.entity)} is busy: a ${
          holder.action
        } that ${
          parseEntityRef(holder.requester).name
        } requested ${relativeTime(holder.createdAt)} is ${
          holder.status
        }. Try again when it has finished, or open that run to follow or cancel it (run ${
          holder.id
        }).`,
      );
      // The event named the run it was about to record; say that it never was.
      await event.fail({ error, meta: { runRecorded: false } });
      throw error;
    }
    // The run is recorded (and its request audited as initiated): let the worker start while the outcome is written.
    if (slot) slot.execute(result.run, verified);
    else if (!waits) this.deps.worker.poll();
    await event.success({ meta: { status: result.run.status } });
    if (waits) await this.deps.approvals!.awaiting(result.run, verified.entity);
    return { run: result.run, created: true };
  }

  /**
   * What a run would do, without making one: the same checks as a run (so a preview refused is a run refused), then
   * the executor's own preview. Nothing is recorded, locked or notified; the read is audited, at low severity.
   */
  async preview(
    input: Omit<RunRequest, 'idempotencyKey'>,
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<RunPreview> {
    const admitted = await this.admission.admit(
      input,
      { credentials },
      { eventId: 'slipway-run-preview', request },
    );
    const { action, environment, target, verified } = admitted;
    const choice = this.deps.registry.executorFor(action, environment);
    if ('executor' in choice && !choice.executor.preview)
      throw await admitted.refused(
        new InputError(
          `${action.title} in ${environment.title} has no preview: its executor (${choice.executor.id}) cannot show what it would do without doing it`,
        ),
      );
    const parameters = await this.admission.prepare(admitted, {
      credentials,
    });
    const executor = (choice as { executor: ActionExecutor<any> }).executor;
    const event = await auditRun(
      this.deps.auditor,
      'slipway-run-preview',
      {
        ...target,
        parameters,
        requester: credentials.principal.userEntityRef,
      },
      { request, production: environment.production, severityLevel: 'low' },
    );
    try {
      const outcome = await executor.preview!({
        parameters,
        requester: credentials.principal.userEntityRef,
        entity: verified.entity,
        application: verified.application.spec,
        environment,
        templateContext: manifestTemplateContext(
          verified.application.manifest,
          environment,
        ),
        config: environment.actions[action.id]?.config,
        signal: AbortSignal.timeout(PREVIEW_TIMEOUT_MS),
      });
      await event.success();
      return { ...target, parameters, ...outcome };
    } catch (error) {
      await event.fail({ error: error as Error });
      // Whatever stops the preview (a manifest the change would break, a repository that cannot be read) is a
      // reason to show, not a server error.
      if (isError(error) && error.name !== 'Error') throw error;
      throw new ConflictError(
        `No preview of ${action.title.toLowerCase()}: ${
          (error as Error)?.message ?? String(error)
        }`,
      );
    }
  }

  /** For each action and environment: may the viewer run it, and if not, why. One permission call for all. */
  async availability(
    ref: { namespace: string; name: string },
    credentials: UserCredentials,
  ): Promise<ActionAvailability[]> {
    const { authorizer, registry, config } = this.deps;
    const [entity, decision, forceDecision] = await Promise.all([
      this.deps.applications.getApplication(ref, credentials),
      authorizer.decide(slipwayActionExecutePermission, credentials),
      authorizer.decide(slipwayActionForcePermission, credentials),
    ]);
    const checked = await this.deps.applications.check(entity);
    const entityRef = stringifyEntityRef(entity);
    const pairs = registry
      .list()
      .flatMap(action =>
        config.environments.map(environment => ({ action, environment })),
      );
    return Promise.all(
      pairs.map(async ({ action, environment }) => {
        const target = {
          action: action.id,
          environment: environment.name,
          entityRef,
        };
        // The reason that matters most to this person first: that the application is not Slipway's to act on, then
        // that they may not act here, and only then what the action itself lacks.
        let refusal: ActionRefusal | undefined;
        if ('problem' in checked) refusal = { reason: checked.problem };
        else if (!authorizer.allows(decision, target, entity))
          refusal = await authorizer.explainDenial(
            slipwayActionExecutePermission,
            { ...target, title: action.title },
            entity,
            credentials,
          );
        else
          refusal = await registry.unavailableReason(
            action,
            checked.application.spec,
            environment,
            config.environments,
            entity,
          );
        return {
          action: action.id,
          title: action.title,
          description: action.description,
          environment: environment.name,
          allowed: !refusal,
          ...refusal,
          confirm: environment.production,
          previewable: executorHasPreview(registry, action, environment),
          parameters: await actionFormFor(action, {
            entity,
            application:
              'problem' in checked ? undefined : checked.application.spec,
            environment,
            mayForce: authorizer.allows(forceDecision, target, entity),
          }),
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
      if (!allowed) {
        const [requesterName] = await this.deps.authorizer.titles([
          run.requester,
        ]);
        throw new NotAllowedError(
          `Only ${requesterName}, who asked for this run, or someone allowed to ${
            run.action
          } ${titleOf(entity)} in ${
            environment.title
          } may cancel it (run ${id})`,
        );
      }
    }
    const event = await auditRun(this.deps.auditor, 'slipway-run-cancel', run, {
      request,
      production: environment.production,
      meta: { cancelledBy: requester },
    });
    const [name] = await this.deps.authorizer.titles([requester]);
    const done =
      (await this.deps.store.finishWaiting(
        id,
        ['pending', 'awaiting-approval'],
        'cancelled',
        `Cancelled by ${name}`,
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
   * A page of runs the caller may see, newest first: those of one application (which the caller must be able to
   * see), or someone's runs across applications, keeping those of applications the caller may see (a page may come
   * out shorter than the limit; `nextCursor` still continues after it).
   */
  async listRuns(
    query: RunQuery,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ items: Run[]; nextCursor?: string }> {
    if (query.entityRef) {
      const ref = parseEntityRef(query.entityRef);
      await this.deps.applications.getApplication(
        { namespace: ref.namespace, name: ref.name },
        credentials,
      );
      return this.deps.store.list(query);
    }
    const page = await this.deps.store.list(query);
    const visible = await this.deps.applications.visible(
      page.items.map(run => run.entityRef),
      credentials,
    );
    return {
      ...page,
      items: page.items.filter(run => visible.has(run.entityRef)),
    };
  }
}
