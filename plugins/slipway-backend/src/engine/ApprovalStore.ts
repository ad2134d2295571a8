import { Run } from '@slipway/backstage-plugin-slipway-common';
import { Knex } from 'knex';
import { toRun } from './runRows';

/**
 * The approval side of the runs table (`RunStore.approvals`). Each change is one conditional UPDATE on a run that
 * still waits, so a decision, a cancel and the expiry task racing each other cannot both win.
 */
export class ApprovalStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Records a decision on a waiting run: approved runs go on to the queue, rejected ones end. False when the run no
   * longer waits (decided, cancelled or expired meanwhile).
   */
  async decide(
    id: string,
    decision: {
      decision: 'approved' | 'rejected';
      by: string;
      /** How the run's error names the person (`Rejected by Dave Davis: …`); default: `by`. */
      byName?: string;
      comment?: string;
    },
  ): Promise<boolean> {
    const now = new Date();
    const updated = await this.knex('slipway_runs')
      .where({ id, status: 'awaiting-approval' })
      .andWhere('approval_expires_at', '>', now)
      .update({
        decision: decision.decision,
        decided_by: decision.by,
        decision_comment: decision.comment ?? null,
        decided_at: now,
        updated_at: now,
        ...(decision.decision === 'approved'
          ? { status: 'pending' }
          : {
              status: 'rejected',
              lock_key: null,
              finished_at: now,
              error: `Rejected by ${decision.byName ?? decision.by}${
                decision.comment ? `: ${decision.comment}` : ''
              }`,
            }),
      });
    return updated === 1;
  }

  /** Ends the runs whose approval time ran out; returns them. */
  async expireWaiting(now = new Date()): Promise<Run[]> {
    const rows = await this.knex('slipway_runs')
      .where({ status: 'awaiting-approval' })
      .andWhere('approval_expires_at', '<=', now)
      .update(
        {
          status: 'expired',
          lock_key: null,
          finished_at: now,
          updated_at: now,
          error: 'Nobody approved or rejected it in time',
        },
        '*',
      );
    return (rows as any[]).map(toRun);
  }

  /** Runs that wait for approval, oldest first. */
  async awaitingApproval(limit: number): Promise<Run[]> {
    const rows = await this.knex('slipway_runs')
      .where({ status: 'awaiting-approval' })
      .orderBy('created_at')
      .limit(limit);
    return rows.map(toRun);
  }
}
