import {
  ArgoOperationState,
  ArgoResourceResult,
} from '../../status/ArgoCdClient';

/** Argo CD's phases after which an operation does nothing more. */
const FINISHED = new Set(['Succeeded', 'Failed', 'Error']);

/** Whether the operation has ended (Running and Terminating have not). */
export function isFinished(state: ArgoOperationState) {
  return FINISHED.has(state.phase ?? '');
}

/**
 * One line of a sync's progress, in Argo CD's own words: `Sync Running: waiting for healthy state of
 * apps/Deployment/checkout (1 of 3 resources synced)`. A failure names the resources that failed, with Argo CD's
 * reason for each, so that the run's error says what to fix.
 */
export function describeOperation(state: ArgoOperationState): string {
  const resources = state.syncResult?.resources ?? [];
  const done = resources.filter(
    r => r.status === 'Synced' || r.status === 'Pruned',
  ).length;
  const failed = resources.filter(r => r.status === 'SyncFailed');
  const counted = resources.length
    ? ` (${done} of ${resources.length} resources synced)`
    : '';
  const failures = failed.length
    ? `; ${failed.slice(0, 3).map(resourceFailure).join('; ')}${
        failed.length > 3 ? `; and ${failed.length - 3} more` : ''
      }`
    : '';
  return `Sync ${state.phase ?? 'Unknown'}${
    state.message ? `: ${state.message}` : ''
  }${counted}${failures}`;
}

function resourceFailure(r: ArgoResourceResult) {
  const where = [r.namespace, r.name].filter(Boolean).join('/');
  return `${r.kind ?? 'resource'} ${where}: ${r.message ?? 'failed'}`;
}
