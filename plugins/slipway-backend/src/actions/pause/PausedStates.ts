import { PausedState } from '@slipway/backstage-plugin-slipway-common';
import { RecentAnswers } from '../../RecentAnswers';
import { manifestPausedStates, PauseTarget } from './pauseActions';
import {
  KubernetesClusters,
  Workload,
  WorkloadRef,
} from '../../kubernetes/KubernetesClusters';

/** The annotations the Kubernetes executor of Pause keeps on the workload it scales to zero. */
export const PAUSE_ANNOTATIONS = {
  since: 'slipway.dev/paused-since',
  replicas: 'slipway.dev/paused-replicas',
  until: 'slipway.dev/paused-until',
  /** The run that paused it: an attempt of that run resumed after a crash knows its patch was made. */
  run: 'slipway.dev/paused-by-run',
} as const;

/** The pause recorded in a workload's annotations, if any. */
export function pausedStateOf(workload: Workload): PausedState | undefined {
  const annotations = workload.metadata?.annotations ?? {};
  const since = annotations[PAUSE_ANNOTATIONS.since];
  if (!since) return undefined;
  const replicas = Number(annotations[PAUSE_ANNOTATIONS.replicas]);
  const until = annotations[PAUSE_ANNOTATIONS.until];
  return {
    since,
    ...(Number.isInteger(replicas) && replicas > 0 ? { replicas } : {}),
    ...(until ? { until } : {}),
  };
}

const keyOf = (ref: WorkloadRef) =>
  `${ref.cluster}/${ref.kind}/${ref.namespace}/${ref.name}`;

/** How long a workload's annotations read from the cluster are used: a page of buttons costs one read. */
const CACHE_MS = 5000;

/**
 * Whether an application is paused in an environment, read where that environment's Pause records it: the manifest
 * for the GitOps executor (`paused` in the environment's entry), the workload's annotations for the Kubernetes
 * executor. The Platform tab, the buttons' availability and the pause schedule all ask here, so they agree.
 */
export class PausedStates {
  private readonly workloads = new RecentAnswers<Workload>({
    freshMs: CACHE_MS,
  });

  constructor(private readonly clusters: KubernetesClusters) {}

  /** Throws when the cluster cannot be read (the caller says so; it does not guess "running"). */
  async of(target: PauseTarget): Promise<PausedState | undefined> {
    const ref = this.workloadOf(target);
    if (!ref) return manifestPausedStates.of(target);
    return pausedStateOf(await this.read(ref));
  }

  /** The workload the environment's Kubernetes executor of Pause scales; undefined where Pause goes through GitOps. */
  workloadOf({
    environment,
    templateContext,
  }: Omit<PauseTarget, 'application'>): WorkloadRef | undefined {
    const pause = environment.actions.pause;
    if (pause?.executor !== 'kubernetes') return undefined;
    return this.clusters.workloadOf(
      pause.config,
      environment,
      templateContext(),
    );
  }

  /** Drops what was read of a workload, so that the next look shows what a run changed. */
  forget(ref: WorkloadRef) {
    this.workloads.forget(keyOf(ref));
  }

  private read(ref: WorkloadRef): Promise<Workload> {
    return this.workloads.get(keyOf(ref), () => this.clusters.read(ref));
  }
}
