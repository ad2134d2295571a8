import { ConfigReader } from '@backstage/config';
import { JsonObject, JsonValue } from '@backstage/types';
import { getSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';
import {
  ActionExecutionContext,
  readSlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { entityTemplateContext } from '../catalog/templateContext';
import { applicationEntity } from './entities';

/** An executor's log that keeps each line as `level: message`. */
export function recordingLog(lines: string[]): ActionExecutionContext['log'] {
  return {
    info: m => lines.push(`info: ${m}`),
    warn: m => lines.push(`warn: ${m}`),
    error: m => lines.push(`error: ${m}`),
  };
}

/** Checkpoints kept in `checkpoints`, as the engine keeps them in the database. */
export function memoryCheckpoints(
  checkpoints: Record<string, JsonValue>,
): ActionExecutionContext['checkpoint'] {
  return async (key, fn) => {
    if (key in checkpoints) return checkpoints[key] as any;
    const value = await fn();
    checkpoints[key] = (value ?? null) as JsonValue;
    return value;
  };
}

/**
 * What the engine hands an executor, for testing executors on their own: the `checkout` application in `prod`
 * (namespace `checkout-prod` in cluster `prod-eu`), with the executor's settings, an in-memory log and checkpoints.
 */
export function executionContext(
  options: {
    settings?: JsonObject;
    parameters?: JsonObject;
    checkpoints?: Record<string, JsonValue>;
    /** Which execution of the run this is (more than 1: resumed after a crash). */
    attempt?: number;
    /** The action run (default `restart`), whose settings `settings` are. */
    action?: string;
    /** More settings of the `prod` environment, e.g. its `argocd`. */
    environment?: JsonObject;
    /** More of `slipway.*`, e.g. `argocd.instances`. */
    slipway?: JsonObject;
  } = {},
) {
  const action = options.action ?? 'restart';
  const config = readSlipwayConfig(
    new ConfigReader({
      slipway: {
        environments: [
          {
            name: 'prod',
            production: true,
            kubernetes: { cluster: 'prod-eu' },
            actions: { [action]: { executor: 'x', ...options.settings } },
            ...options.environment,
          },
        ],
        gitops: { url: '/nonexistent' },
        ...options.slipway,
      },
    }),
  );
  const environment = config.environments[0];
  const entity = applicationEntity('checkout');
  const checkpoints: Record<string, JsonValue> = { ...options.checkpoints };
  const lines: string[] = [];
  const controller = new AbortController();
  const ctx: ActionExecutionContext = {
    run: {
      id: '11111111-2222-4333-8444-555555555555',
      action,
      entityRef: 'component:default/checkout',
      environment: 'prod',
      parameters: options.parameters ?? {},
      requester: 'user:default/alice',
      attempt: options.attempt ?? 1,
    },
    entity,
    application: getSlipwayApplication(entity)!,
    environment,
    templateContext: entityTemplateContext(entity, 'service', environment),
    config: environment.actions[action].config,
    log: recordingLog(lines),
    checkpoint: memoryCheckpoints(checkpoints),
    signal: controller.signal,
  };
  return { ctx, lines, checkpoints, controller, config };
}
