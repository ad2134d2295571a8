import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  ActionDefinition,
  readSlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';

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
