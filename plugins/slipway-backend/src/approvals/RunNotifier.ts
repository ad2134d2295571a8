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

const nameOf = (ref: string) => parseEntityRef(ref).name;

/** What a notification calls a run's parts; without it (tests of other things), their ids. */
export interface RunWords {
  /** Entities' titles by ref (an application's title, a person's display name), as ActionAuthorizer.titles. */
  titles(refs: string[]): Promise<string[]>;
  actionTitle(action: string): string | undefined;
  environmentTitle(environment: string): string | undefined;
}

/**
 * Tells people about runs through Backstage notifications: the application's owners (and those the environment
 * names) when a run waits for approval, the requester when it is approved, rejected, expired, finished or failed. A
 * notification that cannot be sent is logged, never fatal: the run itself is what matters. Notifications speak as the
 * portal does: "Done — Promote: Checkout API in Staging", "Dave Dubois approved it".
 */
export class RunNotifier {
  constructor(
    private readonly deps: {
      notifications?: NotificationService;
      logger: LoggerService;
      words?: RunWords;
    },
  ) {}

  /** To the application's owners and whoever the environment names (`approval.notify`), not to the requester. */
  async awaitingApproval(run: Run, entity: Entity, alsoNotify: string[] = []) {
    const words = await this.words(run);
    await this.send(
      {
        type: 'entity',
        entityRef: [...new Set([...ownerRefsOf(entity), ...alsoNotify])],
        excludeEntityRef: run.requester,
      },
      {
        title: `Approval needed — ${words.headline}`,
        description: `${
          words.requester
        } asks for it. Approve or reject it on the Approvals page${
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
    const words = await this.words(run);
    await this.send(
      { type: 'entity', entityRef: run.requester },
      {
        title: `${approved ? 'Approved' : 'Rejected'} — ${words.headline}`,
        description: `${words.decider} ${
          approved ? 'approved' : 'rejected'
        } it${run.approval?.comment ? `: ${run.approval.comment}` : '.'}`,
        link: linkOf(run),
        severity: approved ? 'normal' : 'high',
      },
    );
  }

  async finished(run: Run) {
    // A schedule's run (requester `schedule:slipway/pause`) has nobody to tell; it shows in the runs and audit log.
    if (!run.requester.startsWith('user:')) return;
    const ok = run.status === 'succeeded';
    const words = await this.words(run);
    await this.send(
      { type: 'entity', entityRef: run.requester },
      {
        title: `${
          ok ? 'Done' : run.status[0].toUpperCase() + run.status.slice(1)
        } — ${words.headline}`,
        description: ok
          ? run.result?.summary ?? 'It succeeded.'
          : run.error ?? `It ended ${run.status}.`,
        link: linkOf(run),
        severity: ok ? 'normal' : 'high',
      },
    );
  }

  /** "Promote: Checkout API in Staging" and the people's names; ids where the catalog cannot say. */
  private async words(run: Run) {
    const refs = [
      run.entityRef,
      run.requester,
      ...(run.approval?.decidedBy ? [run.approval.decidedBy] : []),
    ];
    const { words } = this.deps;
    const [application, requester, decider] = words
      ? await words.titles(refs).catch(() => refs.map(nameOf))
      : refs.map(nameOf);
    const action = words?.actionTitle(run.action) ?? run.action;
    const environment =
      words?.environmentTitle(run.environment) ?? run.environment;
    return {
      headline: `${action}: ${application} in ${environment}`,
      requester,
      decider,
    };
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
