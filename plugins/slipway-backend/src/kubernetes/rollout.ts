import { ActionExecutionContext } from '@slipway/backstage-plugin-slipway-node';
import { sleep } from '../actions/sleep';
import {
  KubernetesClusters,
  Workload,
  WorkloadKind,
  WorkloadRef,
} from './KubernetesClusters';

/** Is the rollout done, failed, or how far along? The same rules as `kubectl rollout status`. */
export function rolloutStatus(
  kind: WorkloadKind,
  workload: Workload,
  generation: number,
): { done: boolean; failed?: string; progress: string } {
  const status = workload.status as any;
  if ((status?.observedGeneration ?? 0) < generation)
    return {
      done: false,
      progress: 'waiting for the controller to see the change',
    };
  if (kind === 'deployment') {
    const deadline = (status.conditions ?? []).find(
      (c: any) =>
        c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
    );
    if (deadline)
      return {
        done: false,
        failed: `the rollout exceeded its progress deadline: ${
          deadline.message ?? ''
        }`.trim(),
        progress: '',
      };
    const want = (workload.spec as any)?.replicas ?? 1;
    const updated = status.updatedReplicas ?? 0;
    if (updated < want)
      return {
        done: false,
        progress: `${updated} of ${want} replicas updated`,
      };
    if ((status.replicas ?? 0) > updated)
      return {
        done: false,
        progress: `${status.replicas - updated} old replicas still terminating`,
      };
    if ((status.availableReplicas ?? 0) < updated)
      return {
        done: false,
        progress: `${
          status.availableReplicas ?? 0
        } of ${updated} updated replicas available`,
      };
    return {
      done: true,
      progress: `${updated} of ${want} replicas updated and available`,
    };
  }
  if (kind === 'statefulset') {
    const want = (workload.spec as any)?.replicas ?? 1;
    const updated = status.updatedReplicas ?? 0;
    if (updated < want || status.currentRevision !== status.updateRevision)
      return { done: false, progress: `${updated} of ${want} pods updated` };
    if ((status.readyReplicas ?? 0) < want)
      return {
        done: false,
        progress: `${status.readyReplicas ?? 0} of ${want} pods ready`,
      };
    return {
      done: true,
      progress: `${want} of ${want} pods updated and ready`,
    };
  }
  const want = status.desiredNumberScheduled ?? 0;
  if ((status.updatedNumberScheduled ?? 0) < want)
    return {
      done: false,
      progress: `${status.updatedNumberScheduled ?? 0} of ${want} pods updated`,
    };
  if ((status.numberAvailable ?? 0) < want)
    return {
      done: false,
      progress: `${status.numberAvailable ?? 0} of ${want} pods available`,
    };
  return {
    done: true,
    progress: `${want} of ${want} pods updated and available`,
  };
}

/** Logs a rollout's progress until it is done (returns its last status) or fails (throws). */
export async function followRollout(
  clusters: KubernetesClusters,
  ref: WorkloadRef,
  generation: number,
  ctx: Pick<ActionExecutionContext, 'log' | 'signal'>,
  options: { pollMs: number; action: string },
) {
  let lastProgress = '';
  for (;;) {
    const status = rolloutStatus(
      ref.kind,
      await clusters.read(ref),
      generation,
    );
    if (status.failed)
      throw new Error(
        `${options.action} of ${ref.where} failed: ${status.failed}`,
      );
    if (status.progress !== lastProgress) ctx.log.info(status.progress);
    lastProgress = status.progress;
    if (status.done) return status;
    await sleep(options.pollMs, ctx.signal);
  }
}
