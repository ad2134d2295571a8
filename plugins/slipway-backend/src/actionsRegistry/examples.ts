/** Examples of `slipway:run-action`, shown to MCP clients and in the scaffolder's list of actions. */
export const runActionExamples = [
  {
    title: 'Restart the staging deployment of an application',
    input: {
      entityRef: 'component:default/checkout',
      action: 'restart',
      environment: 'staging',
      idempotencyKey: 'restart-checkout-staging-2026-11-23T10:00',
    },
  },
  {
    title:
      'Promote the version running in staging to production (waits for approval)',
    input: {
      entityRef: 'component:default/checkout',
      action: 'promote',
      environment: 'prod',
      parameters: { from: 'staging' },
    },
  },
  {
    title: 'Copy the production database into dev for 4 hours',
    input: {
      entityRef: 'component:default/checkout',
      action: 'db-copy',
      environment: 'dev',
      parameters: { component: 'checkout-db', ttlHours: 4 },
    },
  },
];
