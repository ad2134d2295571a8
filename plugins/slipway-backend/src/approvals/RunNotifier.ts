import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { ownerRefsOf } from '../engine/ActionAuthorizer';
import { relativeTime } from '../relativeTime';

const TOPIC = 'slipway-runs';

/** Where a run can be seen: its application's Platform tab, with the run open (`?run=`). */
function linkOf(run: Pick<Run, 'entityRef' | 'id'>) {
  const { namespace, name } = parseEntityRef(run.entityRef);
  return `/catalog/${namespace}/component/${name}/platform?run=${run.id}`;
}

/** "promote checkout-api in prod": reads after "Done:" as after "alice asks to". */
const what = (run: Run) =>
  `${run.action} ${parseEntityRef(run.entityRef).name} in ${run.environment}`;

/**
 * Tells people about runs through Backstage notifications: the application's owners (and those the environment
 * names) when a run waits for approval, the requester when it is approved, rejected, expired, finished or failed. A notification that cannot be
 * sent is logged, never fatal: the run itself is what matters.
 */
export class RunNotifier {
  constructor(
    private readonly deps: {
      notifications?: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /** To the application's owners and whoever the environment names (`approval.notify`), not to the requester. */
  async awaitingApproval(run: Run, entity: Entity, alsoNotify: string[] = []) {
    await this.send(
      {
        type: 'entity',
        entityRef: [...new Set([...ownerRefsOf(entity), ...alsoNotify])],
        excludeEntityRef: run.requester,
      },
      {
        title: `Approval needed: ${what(run)}`,
        description: `${run.requester.replace(
          /^user:(default\/)?/,
          '',
        )} asks to ${what(run)}. Approve or reject it on the Approvals page${
          run.approval?.expiresAt
            ? `; it expires ${relativeTime(run.approval.expiresAt)}`
            : ''
        }.`,
        link: `/slipway/approvals?run=${run.id}`,
        severity: 'high',
      },
    );
  }

  async decided(run: Run) {
    const approved = run.approval?.decision === 'approved';
    await this.send(
      { type: 'entity', entityRef: run.requester },
      {
        title: `${approved ? 'Approved' : 'Rejected'}: ${what(run)}`,
        description: `${run.approval?.decidedBy?.replace(
          /^user:(default\/)?/,
          '',
        )} ${approved ? 'approved' : 'rejected'} it${
          run.approval?.comment ? `: ${run.approval.comment}` : '.'
        }`,
        link: linkOf(run),
        severity: approved ? 'normal' : 'high',
      },
    );
  }

  async finished(run: Run) {
    // A schedule's run (requester `schedule:slipway/pause`) has nobody to tell; it shows in the runs and audit log.
    if (!run.requester.startsWith('user:')) return;
    const ok = run.status === 'succeeded';
    await this.send(
      { type: 'entity', entityRef: run.requester },
      {
        title: `${
          ok ? 'Done' : run.status[0].toUpperCase() + run.status.slice(1)
        }: ${what(run)}`,
        description: ok
          ? run.result?.summary ?? 'It succeeded.'
          : run.error ?? `It ended ${run.status}.`,
        link: linkOf(run),
        severity: ok ? 'normal' : 'high',
      },
    );
  }

  private async send(
    recipients: {
      type: 'entity';
      entityRef: string | string[];
      excludeEntityRef?: string;
    },
    payload: {
      title: string;
      description: string;
      link: string;
      severity: 'normal' | 'high';
    },
  ) {
    if (!this.deps.notifications) return;
    try {
      await this.deps.notifications.send({
        recipients,
        payload: { ...payload, topic: TOPIC },
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not send the notification "${payload.title}": ${error}`,
      );
    }
  }
}
