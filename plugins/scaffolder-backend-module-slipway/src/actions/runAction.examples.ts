import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'run', action: 'slipway:action:run', name, input }],
  });

/**
 * Examples of `slipway:action:run`, shown in the portal's action list. runAction.test.ts runs every one of them
 * against a real Slipway backend.
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Restart an application in an environment and wait until the restart has finished',
    example: step('Restart checkout in dev', {
      entityRef: 'component:default/checkout',
      action: 'restart',
      environment: 'dev',
      parameters: { reason: 'Pick up the rotated database password' },
    }),
  },
  {
    description:
      'Request a production change without waiting: the step ends once the run is recorded (it may wait for approval)',
    example: step('Request a production restart', {
      entityRef: 'component:default/checkout',
      action: 'restart',
      environment: 'prod',
      parameters: { reason: 'Memory leak; see INC-1234' },
      wait: false,
    }),
  },
  {
    description:
      'Copy the production database of an application into dev for 4 hours, e.g. for a template that prepares a debugging session',
    example: step('Copy the production database', {
      entityRef: 'component:default/checkout',
      action: 'db-copy',
      environment: 'dev',
      parameters: { component: 'checkout-db', ttlHours: 4 },
      timeoutMinutes: 120,
    }),
  },
];
