import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { randomUUID } from 'node:crypto';
import { ActionEngine } from '../engine/ActionEngine';
import { RunStore } from '../engine/RunStore';
import { normalizeEntityRef } from '../engine/requestChecks';
import { runActionExamples } from './examples';

/** How many of a run's last log lines `get-run` returns. */
const LOG_TAIL = 200;

/**
 * Slipway's actions in Backstage's actions registry: what MCP clients (and the scaffolder, which offers registry
 * actions to templates) can call. They are thin: each one asks the same ActionEngine the REST API asks, with the
 * caller's own credentials, so permissions, approvals, locks, idempotency and audit are exactly those of a button
 * press in the portal.
 */
export function registerSlipwayActions(options: {
  actionsRegistry: ActionsRegistryService;
  engine: ActionEngine;
  store: RunStore;
  auth: AuthService;
}) {
  const { actionsRegistry, engine, store, auth } = options;

  /** Runs are requested by people; a service (or an anonymous call) has nobody to hold to account or approve. */
  const person = (credentials: BackstageCredentials) => {
    if (!auth.isPrincipal(credentials, 'user'))
      throw new NotAllowedError(
        'Slipway actions run on behalf of a signed-in person; call them with a user token (an MCP client signed in to Backstage, or a template run by a user)',
      );
    return credentials as BackstageCredentials<BackstageUserPrincipal>;
  };

  actionsRegistry.register({
    name: 'list-actions',
    title: 'List the self-service actions of an application',
    description:
      'Lists the Slipway self-service actions (such as restart, promote, db-copy) of an application in each environment: whether the caller may run them, why not, and the JSON Schema of their parameters. Call this before run-action.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The application, e.g. component:default/checkout (or just checkout)',
            ),
        }),
      output: z =>
        z.object({
          actions: z.array(
            z
              .object({
                action: z.string(),
                title: z.string(),
                environment: z.string(),
                allowed: z.boolean(),
                reason: z.string().optional(),
                detail: z.string().optional(),
                parameters: z.record(z.unknown()),
              })
              .passthrough(),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = applicationRef(input.entityRef);
      const actions = await engine.availability(ref, person(credentials));
      return { output: { actions: actions as any } };
    },
  });

  actionsRegistry.register({
    name: 'run-action',
    title: 'Run a self-service action on an application',
    description:
      'Requests a Slipway action (e.g. restart, promote, db-copy) on an application in one environment, exactly as pressing its button in the portal: the caller must be allowed, production runs may wait for approval by someone else, the environment is locked while it runs, and the request is audited. Returns the run at once; follow it with get-run. Reuse the same idempotencyKey to retry a request without running the action twice.',
    examples: runActionExamples,
    attributes: { destructive: true, idempotent: true, readOnly: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The application, e.g. component:default/checkout'),
          action: z
            .string()
            .describe('The action, e.g. restart, promote or db-copy'),
          environment: z.string().describe('The environment, e.g. dev or prod'),
          parameters: z
            .record(z.unknown())
            .optional()
            .describe(
              "The action's parameters, as list-actions describes them",
            ),
          idempotencyKey: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe(
              'Any unique string for this request; sending it again returns the same run instead of a second one. Without it every call is a new request.',
            ),
        }),
      output: z =>
        z.object({
          runId: z.string(),
          status: z.string(),
          created: z
            .boolean()
            .describe('false when the idempotency key named an earlier run'),
          summary: z.string(),
          run: z.record(z.unknown()),
        }),
    },
    action: async ({ input, credentials }) => {
      const { run, created } = await engine.requestRun(
        {
          action: input.action,
          entityRef: input.entityRef,
          environment: input.environment,
          parameters: input.parameters,
          idempotencyKey: input.idempotencyKey ?? `actions:${randomUUID()}`,
        },
        person(credentials),
      );
      return {
        output: {
          runId: run.id,
          status: run.status,
          created,
          summary: summarize(run),
          run: run as unknown as JsonObject,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-run',
    title: 'Get a Slipway run and its log',
    description:
      'The state of a run of a Slipway action (pending, awaiting-approval, running, succeeded, failed, …), its result, and the last lines of its log.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          runId: z.string().uuid().describe('The run, from run-action'),
        }),
      output: z =>
        z.object({
          status: z.string(),
          summary: z.string(),
          run: z.record(z.unknown()),
          log: z.array(
            z.object({
              id: z.number(),
              at: z.string(),
              level: z.string(),
              message: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const run = await engine.getRun(input.runId, credentials);
      const lines = await store.tailLogs(run.id, LOG_TAIL);
      return {
        output: {
          status: run.status,
          summary: summarize(run),
          run: run as unknown as JsonObject,
          log: lines,
        },
      };
    },
  });
}

function applicationRef(entityRef: string) {
  try {
    const ref = parseEntityRef(normalizeEntityRef(entityRef));
    if (ref.kind !== 'component') throw new Error();
    return { namespace: ref.namespace, name: ref.name };
  } catch {
    throw new InputError(
      `entityRef "${entityRef}" is not an application reference such as component:default/checkout`,
    );
  }
}

/** One sentence on where a run stands, for people and agents reading the output. */
export function summarize(run: Run): string {
  const what = `${run.action} of ${run.entityRef} in ${run.environment}`;
  switch (run.status) {
    case 'awaiting-approval':
      return `${what} waits for approval by someone other than ${
        run.requester
      }${run.approval?.expiresAt ? ` until ${run.approval.expiresAt}` : ''}.`;
    case 'pending':
      return `${what} is queued.`;
    case 'running':
      return `${what} is running.`;
    case 'succeeded':
      return `${what} succeeded.`;
    case 'rejected':
      return `${what} was rejected by ${run.approval?.decidedBy}: ${run.approval?.comment}`;
    default:
      return `${what} ${run.status}${run.error ? `: ${run.error}` : ''}.`;
  }
}
