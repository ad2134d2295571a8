import { ActionDefinition } from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';

/** Restart's parameters. */
export type RestartParameters = { reason?: string };

/**
 * Restart an application in one environment. How depends on the environment's configuration: a rolling restart of
 * its Kubernetes workload, a GitHub Actions workflow, or a signed webhook to the team's automation.
 */
export const restartAction: ActionDefinition<RestartParameters> = {
  id: 'restart',
  title: 'Restart',
  description:
    "Restart the application's workload in this environment (its pods are replaced one by one).",
  parameters: z.strictObject({
    reason: z
      .string()
      .trim()
      .max(500)
      .optional()
      .describe('Why you restart it (kept in the audit log)'),
  }),
  mutating: true,
  timeoutSeconds: 900,
  resumable: true,
  unavailableReason: ({ application, environment }) =>
    application.environments[environment.name]
      ? undefined
      : `The manifest does not deploy this application to ${environment.title}`,
};
