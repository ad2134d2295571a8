import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  ActionDefinition,
  readSlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';
import { RunStore } from '../engine/RunStore';

/** Slipway's configuration for engine tests: these environments, a GitOps repository nobody reads. */
export function engineTestConfig(environments: JsonObject[]) {
  return readSlipwayConfig(
    new ConfigReader({
      slipway: {
        environments,
        gitops: { url: '/nonexistent' },
      },
    }),
  );
}

/** An action without parameters, executed by the executor `test`, for engine tests. */
export function noopAction(
  options: Partial<Pick<ActionDefinition, 'mutating' | 'description'>> = {},
): ActionDefinition {
  return {
    id: 'noop',
    title: 'No-op',
    description: options.description ?? 'Does nothing',
    parameters: z.object({}),
    mutating: options.mutating ?? false,
    timeoutSeconds: 30,
    resumable: true,
    defaultExecutor: 'test',
  };
}

/** A run of `noop` claimed by `worker` (running, attempt 1), as an instance executing it leaves it. */
export async function claimedNoopRun(
  store: RunStore,
  run: { id: string; worker: string; mutating?: boolean },
) {
  await store.insert({
    id: run.id,
    action: 'noop',
    entityRef: 'component:default/checkout',
    environment: 'dev',
    parameters: {},
    requester: 'user:default/alice',
    idempotencyKey: `key-${run.id}`,
    mutating: run.mutating ?? false,
    status: 'pending',
  });
  await store.claim(run.id, run.worker);
}
