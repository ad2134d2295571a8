import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { redactFreeText } from '../engine/redactFreeText';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  Run,
  slipwayRunApprovePermission,
} from '@slipway/backstage-plugin-slipway-common';
import {
  SlipwayConfig,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { Request } from 'express';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { ActionAuthorizer, titleOf } from '../engine/ActionAuthorizer';
import { ApprovalGate } from '../engine/ActionEngine';
import { auditRun } from '../engine/runAudit';
import { RunStore } from '../engine/RunStore';
import { RunNotifier } from './RunNotifier';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;
const HOUR = 3600_000;

/**
 * Approvals by a second person. A mutating run in an environment that requires approval (production by default)
 * waits; someone else whom the permission policy allows `slipway.run.approve` approves it (it then runs) or rejects it
 * with a comment. A run nobody decides on expires. The requester can never approve their own run, whatever the
 * policy says.
 */
export class ApprovalService implements ApprovalGate {
  constructor(
    private readonly deps: {
      store: RunStore;
      config: SlipwayConfig;
      applications: ApplicationCatalog;
      authorizer: ActionAuthorizer;
      auditor: AuditorService;
      notifier: RunNotifier;
      logger: LoggerService;
      /** An approved run is ready: start it. */
      onApproved: (run: Run) => void;
    },
  ) {}

  approvalDeadline(run: {
    action: string;
    environment: SlipwayEnvironment;
    mutating: boolean;
  }): Date | undefined {
    const { approval } = run.environment;
    if (!run.mutating || !approval.required) return undefined;
    if (approval.actions && !approval.actions.includes(run.action))
      return undefined;
    return new Date(Date.now() + approval.expiresAfterHours * HOUR);
  }

  async awaiting(run: Run, entity: Entity) {
    await this.deps.store.appendLog(
      run.id,
      'info',
      `Waiting for approval by someone allowed to approve (until ${run.approval?.expiresAt})`,
    );
    await this.deps.notifier.awaitingApproval(
      run,
      entity,
      this.environment(run).approval.notify,
    );
  }

  /** Approves or rejects a waiting run. */
  async decide(
    id: string,
    decision: 'approved' | 'rejected',
    typedComment: string | undefined,
    credentials: UserCredentials,
    request?: Request<any, any, any, any, any>,
  ): Promise<Run> {
    const { store, auditor } = this.deps;
    // Stored, audited and shown to the requester: a secret pasted into it goes no further than here.
    const comment =
      typedComment === undefined ? undefined : redactFreeText(typedComment);
    const run = await store.get(id);
    if (!run) throw new NotFoundError(`No run ${id}`);
    const approver = credentials.principal.userEntityRef;
    const entity = await this.visibleApplication(run, credentials, id);
    const production = this.environment(run).production;
    const event = await auditRun(auditor, 'slipway-run-approval', run, {
      request,
      production,
      meta: { decision, approver, comment: comment ?? null },
    });
    // The run's log and error say who decided by name: they are read by people, the audit event keeps the ref.
    const [approverName] = await this.deps.authorizer.titles([approver]);
    try {
      if (run.status !== 'awaiting-approval')
        throw new ConflictError(
          `Run ${id} does not wait for approval: it is ${run.status}`,
        );
      if (run.requester === approver)
        throw new NotAllowedError(
          'You cannot approve or reject your own run: someone else must decide',
        );
      const [allowed] = await this.deps.authorizer.allowed(
        slipwayRunApprovePermission,
        [
          {
            action: run.action,
            environment: run.environment,
            entityRef: run.entityRef,
          },
        ],
        entity,
        credentials,
      );
      if (!allowed)
        throw new NotAllowedError(
          `You may not approve or reject this ${run.action} of ${titleOf(
            entity,
          )} in ${
            this.environment(run).title
          }: the permission policy decides who may (permission slipway.run.approve; you are ${approver}, the application ${
            run.entityRef
          })`,
        );
      if (
        !(await store.approvals.decide(id, {
          decision,
          by: approver,
          byName: approverName,
          comment,
        }))
      ) {
        const now = (await store.get(id))!;
        throw new ConflictError(
          now.status === 'awaiting-approval'
            ? `The approval of run ${id} expired at ${now.approval?.expiresAt}`
            : `Run ${id} was ${now.status} meanwhile`,
        );
      }
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await event.success();
    const decided = (await store.get(id))!;
    await this.deps.notifier.decided(decided);
    if (decision === 'approved') this.deps.onApproved(decided);
    return decided;
  }

  /** The runs waiting for an approval the caller may give (not their own). */
  async waitingFor(credentials: UserCredentials): Promise<Run[]> {
    const me = credentials.principal.userEntityRef;
    const runs = (await this.deps.store.approvals.awaitingApproval(500)).filter(
      run => run.requester !== me,
    );
    if (!runs.length) return [];
    const decision = await this.deps.authorizer.decide(
      slipwayRunApprovePermission,
      credentials,
    );
    const allowed = await Promise.all(
      runs.map(async run => {
        const { namespace, name } = parseEntityRef(run.entityRef);
        const entity = await this.deps.applications
          .getApplicationForAction({ namespace, name })
          .catch(() => undefined);
        return entity
          ? this.deps.authorizer.allows(
              decision,
              {
                action: run.action,
                environment: run.environment,
                entityRef: run.entityRef,
              },
              entity,
            )
          : false;
      }),
    );
    return runs.filter((_, i) => allowed[i]);
  }

  /** Ends the runs nobody decided on in time (scheduled: one instance does it). */
  async expire() {
    for (const run of await this.deps.store.approvals.expireWaiting()) {
      const event = await auditRun(
        this.deps.auditor,
        'slipway-run-approval',
        run,
        {
          production: this.environment(run).production,
          meta: { decision: 'expired' },
        },
      );
      await event.fail({ error: new Error(run.error ?? 'expired') });
      await this.deps.notifier.finished(run);
    }
  }

  async schedule(scheduler: SchedulerService) {
    await scheduler.scheduleTask({
      id: 'slipway-expire-approvals',
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      fn: () => this.expire(),
    });
  }

  private environment(run: Run): SlipwayEnvironment {
    return this.deps.config.environments.find(e => e.name === run.environment)!;
  }

  private async visibleApplication(
    run: Run,
    credentials: UserCredentials,
    id: string,
  ): Promise<Entity> {
    const { namespace, name } = parseEntityRef(run.entityRef);
    return this.deps.applications
      .getApplication({ namespace, name }, credentials)
      .catch(() => {
        throw new NotFoundError(`No run ${id}`);
      });
  }
}
