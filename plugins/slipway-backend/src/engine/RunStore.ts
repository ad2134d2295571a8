import { InputError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import {
  FINAL_RUN_STATUSES,
  Run,
  RunLogLine,
  RunResult,
  RunStatus,
} from '@slipway/backstage-plugin-slipway-common';
import { Knex } from 'knex';
import { ApprovalStore } from './ApprovalStore';
import { date, isUniqueViolation, logRow, toLogLine, toRun } from './runRows';

/** What `nextCursor` holds: `<created_at ms>|<run id>`, base64url. Anything else is the caller's mistake (400). */
function decodeRunCursor(cursor: string): { createdAt: Date; id: string } {
  const match =
    /^(\d{1,15})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
      Buffer.from(cursor, 'base64url').toString(),
    );
  if (!match)
    throw new InputError(
      'The cursor is not valid: pass the nextCursor of a previous page as it was given',
    );
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}

/** A run about to be recorded. */
export interface NewRun {
  id: string;
  action: string;
  entityRef: string;
  environment: string;
  parameters: Record<string, unknown>;
  requester: string;
  idempotencyKey: string;
  mutating: boolean;
  status: Extract<RunStatus, 'pending' | 'awaiting-approval'>;
  /** Waiting runs (awaiting-approval) expire at this time. */
  approvalExpiresAt?: Date;
  /**
   * A worker of this instance with a free slot: the run is recorded already claimed by it (running, attempt 1), so
   * it starts without a claim statement and without waiting behind the queue of pending runs.
   */
  claimedBy?: string;
}

/** What recording a run did: recorded it, or found the same request, or found the run holding the lock. */
export type InsertResult =
  | { kind: 'recorded'; run: Run }
  | { kind: 'duplicate'; run: Run }
  | { kind: 'locked'; holder: Run };

/** Filters of a run listing. */
export interface RunQuery {
  entityRef?: string;
  requester?: string;
  status?: RunStatus[];
  action?: string;
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

const ACTIVE: RunStatus[] = ['awaiting-approval', 'pending', 'running'];

/**
 * The runs, their logs and checkpoints in the plugin's database. Every state change is one conditional UPDATE
 * (`… WHERE status = 'pending'`), so when several backend instances race, exactly one of them wins.
 */
export class RunStore {
  /** The queries of approvals (decide, expire, list the waiting runs). */
  readonly approvals: ApprovalStore;

  constructor(private readonly knex: Knex) {
    this.approvals = new ApprovalStore(knex);
  }

  /** Records a run, unless the same request was made before or another mutating run holds the lock. */
  async insert(run: NewRun): Promise<InsertResult> {
    const lockKey = run.mutating ? `${run.entityRef}|${run.environment}` : null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = new Date();
      const claimed = run.claimedBy
        ? {
            status: 'running' as const,
            worker: run.claimedBy,
            heartbeat_at: now,
            started_at: now,
            attempts: 1,
          }
        : { status: run.status };
      try {
        await this.knex('slipway_runs').insert({
          id: run.id,
          action: run.action,
          entity_ref: run.entityRef,
          environment: run.environment,
          parameters: JSON.stringify(run.parameters),
          requester: run.requester,
          idempotency_key: run.idempotencyKey,
          mutating: run.mutating,
          lock_key: lockKey,
          ...claimed,
          created_at: now,
          updated_at: now,
          approval_expires_at: run.approvalExpiresAt ?? null,
        });
        const recorded: Run = {
          id: run.id,
          action: run.action,
          entityRef: run.entityRef,
          environment: run.environment,
          parameters: run.parameters,
          requester: run.requester,
          status: claimed.status,
          createdAt: now.toISOString(),
          ...(run.claimedBy ? { startedAt: now.toISOString() } : {}),
          attempts: run.claimedBy ? 1 : 0,
          cancelRequested: false,
          ...(run.approvalExpiresAt
            ? { approval: { expiresAt: run.approvalExpiresAt.toISOString() } }
            : {}),
        };
        return { kind: 'recorded', run: recorded };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // Which unique index refused it? The same request (made concurrently) wins over the lock.
      const duplicate = await this.findByIdempotencyKey(
        run.requester,
        run.idempotencyKey,
      );
      if (duplicate) return { kind: 'duplicate', run: duplicate };
      const holder = lockKey
        ? await this.knex('slipway_runs').where({ lock_key: lockKey }).first()
        : undefined;
      if (holder) return { kind: 'locked', holder: toRun(holder) };
      // The holder finished between our insert and our look: try again.
    }
    throw new Error(
      'Could not record the run: the database kept reporting a conflict',
    );
  }

  /**
   * Takes up to `limit` pending runs for this worker in one statement, oldest first. The UPDATE re-checks
   * `status = 'pending'` row by row, so when instances race, each run goes to exactly one of them.
   */
  async claimPending(worker: string, limit: number): Promise<Run[]> {
    const now = new Date();
    const rows = await this.knex('slipway_runs')
      .whereIn(
        'id',
        this.knex('slipway_runs')
          .select('id')
          .where({ status: 'pending' })
          .orderBy('created_at')
          .limit(limit),
      )
      .andWhere({ status: 'pending' })
      .update(
        {
          status: 'running',
          worker,
          heartbeat_at: now,
          updated_at: now,
          started_at: this.knex.raw('COALESCE(started_at, ?)', [now]),
          attempts: this.knex.raw('attempts + 1'),
        },
        '*',
      );
    return (rows as any[]).map(toRun);
  }

  async get(id: string): Promise<Run | undefined> {
    const row = await this.knex('slipway_runs').where({ id }).first();
    return row ? toRun(row) : undefined;
  }

  async findByIdempotencyKey(
    requester: string,
    key: string,
  ): Promise<Run | undefined> {
    const row = await this.knex('slipway_runs')
      .where({ requester, idempotency_key: key })
      .first();
    return row ? toRun(row) : undefined;
  }

  /** Newest first, keyset-paged on (created_at, id). */
  async list(query: RunQuery): Promise<{ items: Run[]; nextCursor?: string }> {
    const q = this.knex('slipway_runs').orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (query.entityRef) q.where('entity_ref', query.entityRef);
    if (query.requester) q.where('requester', query.requester);
    if (query.action) q.where('action', query.action);
    if (query.status?.length) q.whereIn('status', query.status);
    if (query.cursor) {
      const { createdAt, id } = decodeRunCursor(query.cursor);
      q.where(b =>
        b
          .where('created_at', '<', createdAt)
          .orWhere(b2 =>
            b2.where('created_at', createdAt).andWhere('id', '<', id),
          ),
      );
    }
    const rows = await q.limit(query.limit + 1);
    const items = rows.slice(0, query.limit).map(toRun);
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    return {
      items,
      ...(last
        ? {
            nextCursor: Buffer.from(
              `${date(last.created_at)!.getTime()}|${last.id}`,
            ).toString('base64url'),
          }
        : {}),
    };
  }

  /**
   * Records the requester's rating of a run that ended (replacing an earlier one); false when the run is not theirs
   * or has not ended.
   */
  async setFeedback(
    id: string,
    requester: string,
    feedback: { helpful: boolean; comment?: string },
  ): Promise<boolean> {
    const updated = await this.knex('slipway_runs')
      .where({ id, requester })
      .whereIn('status', FINAL_RUN_STATUSES)
      .update({
        feedback_helpful: feedback.helpful,
        feedback_comment: feedback.comment ?? null,
        feedback_at: new Date(),
      });
    return updated === 1;
  }

  /** Runs of these actions in one environment, asked for since `since`, newest first (e.g. a schedule's night). */
  async recentRuns(query: {
    environment: string;
    actions: string[];
    since: Date;
  }): Promise<Run[]> {
    const rows = await this.knex('slipway_runs')
      .where('environment', query.environment)
      .whereIn('action', query.actions)
      .where('created_at', '>=', query.since)
      .orderBy('created_at', 'desc');
    return rows.map(toRun);
  }

  /** Takes a pending run for this worker; false when another worker was faster. */
  async claim(id: string, worker: string): Promise<boolean> {
    const now = new Date();
    const updated = await this.knex('slipway_runs')
      .where({ id, status: 'pending' })
      .update({
        status: 'running',
        worker,
        heartbeat_at: now,
        updated_at: now,
        started_at: this.knex.raw('COALESCE(started_at, ?)', [now]),
        attempts: this.knex.raw('attempts + 1'),
      });
    return updated === 1;
  }

  /** Keeps a claimed run alive; says whether this worker still owns it and whether a cancel was asked for. */
  async heartbeat(
    id: string,
    worker: string,
  ): Promise<{ owned: boolean; cancelRequested: boolean }> {
    const now = new Date();
    const updated = await this.knex('slipway_runs')
      .where({ id, worker, status: 'running' })
      .update({ heartbeat_at: now, updated_at: now });
    if (updated !== 1) return { owned: false, cancelRequested: false };
    const row = await this.knex('slipway_runs')
      .where({ id })
      .first('cancel_requested');
    return { owned: true, cancelRequested: Boolean(row?.cancel_requested) };
  }

  /** Ends a run this worker owns and releases its lock; the run as it ended, or undefined when it was not this worker's. */
  async finish(
    id: string,
    worker: string,
    outcome: {
      status: Extract<
        RunStatus,
        'succeeded' | 'failed' | 'cancelled' | 'interrupted'
      >;
      result?: RunResult;
      error?: string;
    },
  ): Promise<Run | undefined> {
    const now = new Date();
    const [row] = await this.knex('slipway_runs')
      .where({ id, worker, status: 'running' })
      .update({
        status: outcome.status,
        lock_key: null,
        finished_at: now,
        updated_at: now,
        result: outcome.result ? JSON.stringify(outcome.result) : null,
        error: outcome.error ?? null,
      })
      .returning('*');
    return row ? toRun(row) : undefined;
  }

  /** Hands a run this worker owns back to the queue (on shutdown), to be resumed from its checkpoints. */
  async release(id: string, worker: string): Promise<boolean> {
    const updated = await this.knex('slipway_runs')
      .where({ id, worker, status: 'running' })
      .update({ status: 'pending', worker: null, updated_at: new Date() });
    return updated === 1;
  }

  /** Ends a run that is not executing (waiting for approval or to start), e.g. cancelled or rejected. */
  async finishWaiting(
    id: string,
    from: Extract<RunStatus, 'pending' | 'awaiting-approval'>[],
    status: Extract<RunStatus, 'cancelled' | 'rejected' | 'expired'>,
    error?: string,
  ): Promise<boolean> {
    const now = new Date();
    const updated = await this.knex('slipway_runs')
      .where({ id })
      .whereIn('status', from)
      .update({
        status,
        lock_key: null,
        finished_at: now,
        updated_at: now,
        error: error ?? null,
      });
    return updated === 1;
  }

  async requestCancel(id: string): Promise<boolean> {
    return (
      (await this.knex('slipway_runs')
        .where({ id, status: 'running' })
        .update({ cancel_requested: true, updated_at: new Date() })) === 1
    );
  }

  /** Running runs whose worker stopped sending heartbeats before `staleBefore`. */
  async staleRuns(staleBefore: Date): Promise<Run[]> {
    const rows = await this.knex('slipway_runs')
      .where('status', 'running')
      .andWhere('heartbeat_at', '<', staleBefore);
    return rows.map(toRun);
  }

  /**
   * Takes a stale run over for the caller to settle: it becomes the run's worker, with a fresh heartbeat. False when
   * someone else took it first. Taking over before settling means a rescuer that dies in between leaves the run
   * stale again (its heartbeat ages), for another to take: the settling and its audit event are never lost.
   */
  async takeOverStale(
    id: string,
    staleBefore: Date,
    worker: string,
  ): Promise<boolean> {
    const now = new Date();
    const updated = await this.knex('slipway_runs')
      .where({ id, status: 'running' })
      .andWhere('heartbeat_at', '<', staleBefore)
      .update({ worker, heartbeat_at: now, updated_at: now });
    return updated === 1;
  }

  /**
   * Gives a run the caller took over back to the queue (it resumes from its checkpoints) and logs why, in one
   * transaction, so that nobody reads the run requeued without its reason; false when it is no longer the caller's.
   */
  async requeueStale(
    id: string,
    worker: string,
    logMessage: string,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const updated = await tx('slipway_runs')
        .where({ id, worker, status: 'running' })
        .update({ status: 'pending', worker: null, updated_at: new Date() });
      if (updated !== 1) return false;
      await tx('slipway_run_logs').insert(logRow(id, 'warn', logMessage));
      return true;
    });
  }

  /**
   * Ends a run the caller took over as interrupted and logs why, in one transaction (a run is never seen
   * interrupted without its reason); false when it is no longer the caller's.
   */
  async interruptStale(
    id: string,
    worker: string,
    error: string,
    logMessage: string,
  ): Promise<boolean> {
    const now = new Date();
    return this.knex.transaction(async tx => {
      const updated = await tx('slipway_runs')
        .where({ id, worker, status: 'running' })
        .update({
          status: 'interrupted',
          lock_key: null,
          finished_at: now,
          updated_at: now,
          error,
        });
      if (updated !== 1) return false;
      await tx('slipway_run_logs').insert(logRow(id, 'error', logMessage));
      return true;
    });
  }

  async countActive(entityRef: string): Promise<number> {
    const [{ count }] = await this.knex('slipway_runs')
      .where({ entity_ref: entityRef })
      .whereIn('status', ACTIVE)
      .count({ count: '*' });
    return Number(count);
  }

  async appendLog(
    runId: string,
    level: RunLogLine['level'],
    message: string,
  ): Promise<void> {
    await this.knex('slipway_run_logs').insert(logRow(runId, level, message));
  }

  async logs(runId: string, afterId = 0, limit = 1000): Promise<RunLogLine[]> {
    const rows = await this.knex('slipway_run_logs')
      .where('run_id', runId)
      .andWhere('id', '>', afterId)
      .orderBy('id')
      .limit(limit);
    return rows.map(toLogLine);
  }

  /** The last lines of a run's log, oldest first. */
  async tailLogs(runId: string, limit: number): Promise<RunLogLine[]> {
    const rows = await this.knex('slipway_run_logs')
      .where('run_id', runId)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.reverse().map(toLogLine);
  }

  async getCheckpoint(
    runId: string,
    key: string,
  ): Promise<{ value: JsonValue } | undefined> {
    const row = await this.knex('slipway_run_checkpoints')
      .where({ run_id: runId, key })
      .first();
    return row ? { value: JSON.parse(row.value) } : undefined;
  }

  async setCheckpoint(
    runId: string,
    key: string,
    value: JsonValue | undefined,
  ): Promise<void> {
    await this.knex('slipway_run_checkpoints').insert({
      run_id: runId,
      key,
      value: JSON.stringify(value ?? null),
      at: new Date(),
    });
  }
}
