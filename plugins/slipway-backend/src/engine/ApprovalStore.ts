import { Run } from '@slipway/backstage-plugin-slipway-common';
import { Knex } from 'knex';
import { logRow, toRun } from './runRows';

/**
 * The approval side of the runs table (`RunStore.approvals`). Each change is one conditional UPDATE on a run that
 * still waits, so a decision, a cancel and the expiry task racing each other cannot both win.
 */
export class ApprovalStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Records a decision on a waiting run, with its line in the run's log in the same transaction (so that the log
   * holds it before a worker starts the approved run, or anyone sees the rejected one end): approved runs go on to
   * the queue, rejected ones end. False when the run no longer waits (decided, cancelled or expired meanwhile).
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
    const byName = decision.byName ?? decision.by;
    const said = decision.comment ? `: ${decision.comment}` : '';
    return this.knex.transaction(async tx => {
      const updated = await tx('slipway_runs')
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
                error: `Rejected by ${byName}${said}`,
              }),
        });
      if (updated !== 1) return false;
      await tx('slipway_run_logs').insert(
        decision.decision === 'approved'
          ? logRow(id, 'info', `Approved by ${byName}${said}`)
          : logRow(id, 'warn', `Rejected by ${byName}${said}`),
      );
      return true;
    });
  }

  /** Ends the runs whose approval time ran out, saying so in their logs in the same transaction; returns them. */
  async expireWaiting(now = new Date()): Promise<Run[]> {
    return this.knex.transaction(async tx => {
      const rows = await tx('slipway_runs')
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
      const runs = (rows as any[]).map(toRun);
      if (runs.length)
        await tx('slipway_run_logs').insert(
          runs.map(run =>
            logRow(
              run.id,
              'warn',
              'Nobody approved or rejected it in time: expired',
            ),
          ),
        );
      return runs;
    });
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
