import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readSlipwayConfig } from '@slipway/backstage-plugin-slipway-node';
import { ActionExecutor } from '@slipway/backstage-plugin-slipway-node';
import {
  key,
  sentNotifications,
  startSlipwayBackend,
} from '../__testUtils__/testBackend';
import { applicationEntity, paymentsSystem } from '../__testUtils__/entities';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';
import { RunStore } from '../engine/RunStore';
import { ApprovalService } from './ApprovalService';
import { RunNotifier } from './RunNotifier';

jest.setTimeout(120_000);

const restart = (environment: string) => ({
  action: 'restart',
  entityRef: 'component:default/checkout',
  environment,
  parameters: { reason: 'deploy stuck' },
  idempotencyKey: key(),
});

const approvalEnvironments = [
  { name: 'dev', actions: { restart: { executor: 'test' } } },
  {
    name: 'prod',
    production: true,
    // Platform admins are told too (they may approve everywhere in the demo policy); short refs are completed.
    approval: { notify: ['group:platform-admins'] },
    actions: { restart: { executor: 'test' } },
  },
];

describe('approvals', () => {
  const executed: string[] = [];
  const executor: ActionExecutor = {
    id: 'test',
    action: 'restart',
    execute: async ctx => {
      executed.push(ctx.run.id);
      return { summary: 'restarted' };
    },
  };
  const start = () =>
    startSlipwayBackend({
      executors: [executor],
      slipway: { environments: approvalEnvironments },
      // Dave, who decides, by the name the run's log and error give him.
      entities: [
        applicationEntity('checkout'),
        applicationEntity('shop', {
          owner: 'group:default/storefront',
          system: 'system:default/storefront',
        }),
        paymentsSystem,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'alice', namespace: 'default' },
          spec: {
            profile: { displayName: 'Alice Andersen' },
            memberOf: ['payments'],
          },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'dave', namespace: 'default' },
          spec: {
            profile: { displayName: 'Dave Dubois' },
            memberOf: ['payments'],
          },
        },
      ],
    });
  beforeEach(() => {
    executed.length = 0;
    sentNotifications.length = 0;
  });

  it('makes a production run wait until someone else allowed to approve does, then runs it', async () => {
    const slipway = await start();
    const requested = await slipway.post('alice', restart('prod'));
    expect(requested.status).toBe(201);
    expect(requested.body.status).toBe('awaiting-approval');
    expect(
      Date.parse(requested.body.approval.expiresAt) - Date.now(),
    ).toBeGreaterThan(23 * 3600_000);
    // Outside production, nothing waits: the run is pending, or already running (this instance had a free slot).
    expect(['pending', 'running']).toContain(
      (await slipway.post('alice', restart('dev'))).body.status,
    );

    expect(sentNotifications).toContainEqual({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/payments', 'group:default/platform-admins'],
        excludeEntityRef: 'user:default/alice',
      },
      payload: expect.objectContaining({
        title: 'Approval needed — Restart: checkout title in prod',
        description:
          'Alice Andersen asks for it. Approve or reject it on the Approvals page; it expires in 24 hours.',
        link: `/slipway/approvals?run=${requested.body.id}`,
        topic: 'slipway-runs',
      }),
    });
    expect(
      (await slipway.get('dave', '/approvals')).body.items.map(
        (r: any) => r.id,
      ),
    ).toEqual([requested.body.id]);
    expect((await slipway.get('alice', '/approvals')).body.items).toEqual([]);
    expect((await slipway.get('bob', '/approvals')).body.items).toEqual([]);

    const own = await slipway.approve('alice', requested.body.id);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      'You cannot approve or reject your own run: someone else must decide',
    );
    const stranger = await slipway.approve('bob', requested.body.id);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toContain(
      'You may not approve or reject this restart of checkout title in prod: the permission policy decides who may (permission slipway.run.approve; you are user:default/bob, the application component:default/checkout)',
    );
    expect(executed).not.toContain(requested.body.id);

    const approved = await slipway.approve(
      'dave',
      requested.body.id,
      'looks right',
    );
    expect(approved.status).toBe(200);
    expect(approved.body.approval).toMatchObject({
      decision: 'approved',
      decidedBy: 'user:default/dave',
      comment: 'looks right',
    });
    const done = await slipway.finished('alice', requested.body.id);
    expect(done.status).toBe('succeeded');
    expect(executed).toContain(requested.body.id);
    const toAlice = () =>
      sentNotifications
        .filter(
          n =>
            n.recipients.type === 'entity' &&
            n.recipients.entityRef === 'user:default/alice',
        )
        .map(n => `${n.payload.title} | ${n.payload.description}`);
    // The end of a run is told right after it is recorded, without holding up the worker.
    const doneNotice = 'Done — Restart: checkout title in prod | restarted';
    for (let i = 0; i < 250 && !toAlice().includes(doneNotice); i++)
      await new Promise(r => setTimeout(r, 20));
    expect(toAlice()).toEqual(
      expect.arrayContaining([
        'Approved — Restart: checkout title in prod | Dave Dubois approved it: looks right',
        doneNotice,
      ]),
    );
    expect((await slipway.approve('dave', requested.body.id)).status).toBe(409);
  });

  it('ends a rejected run with the reason, and tells the requester', async () => {
    const slipway = await start();
    const requested = await slipway.post('alice', restart('prod'));
    const noReason = await slipway.reject('dave', requested.body.id, '');
    expect(noReason.status).toBe(400);
    const rejected = await slipway.reject(
      'dave',
      requested.body.id,
      'not during the sale',
    );
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      error: 'Rejected by Dave Dubois: not during the sale',
    });
    expect(executed).toEqual([]);
    expect(sentNotifications.map(n => n.payload.title)).toContain(
      'Rejected — Restart: checkout title in prod',
    );
    // The lock is free again.
    expect((await slipway.post('alice', restart('prod'))).status).toBe(201);
  });

  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'expires a run nobody decided on, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = new RunStore(knex);
      const config = readSlipwayConfig(
        new ConfigReader({
          slipway: {
            environments: approvalEnvironments,
            gitops: { url: '/x' },
          },
        }),
      );
      const told: string[] = [];
      const approvals = new ApprovalService({
        store,
        config,
        applications: {} as any,
        authorizer: {} as any,
        auditor: recordingAuditor().auditor,
        notifier: {
          finished: async (run: any) =>
            told.push(`${run.status}: ${run.error}`),
        } as unknown as RunNotifier,
        logger: mockServices.logger.mock(),
        onApproved: () => {},
      });
      const deadline = approvals.approvalDeadline({
        action: 'restart',
        environment: config.environments[1],
        mutating: true,
      })!;
      expect(
        approvals.approvalDeadline({
          action: 'restart',
          environment: config.environments[0],
          mutating: true,
        }),
      ).toBeUndefined();
      expect(
        approvals.approvalDeadline({
          action: 'restart',
          environment: config.environments[1],
          mutating: false,
        }),
      ).toBeUndefined();
      const base = {
        action: 'restart',
        entityRef: 'component:default/checkout',
        environment: 'prod',
        parameters: {},
        requester: 'user:default/alice',
        mutating: true,
        status: 'awaiting-approval' as const,
      };
      await store.insert({
        ...base,
        id: '00000000-0000-4000-b000-000000000001',
        idempotencyKey: 'expiring-key-1',
        approvalExpiresAt: new Date(Date.now() - 1000),
      });
      await store.insert({
        ...base,
        environment: 'dev',
        id: '00000000-0000-4000-b000-000000000002',
        idempotencyKey: 'expiring-key-2',
        approvalExpiresAt: deadline,
      });
      await approvals.expire();
      expect(
        (await store.get('00000000-0000-4000-b000-000000000001'))!.status,
      ).toBe('expired');
      expect(
        (await store.get('00000000-0000-4000-b000-000000000002'))!.status,
      ).toBe('awaiting-approval');
      expect(told).toEqual(['expired: Nobody approved or rejected it in time']);
      expect(
        await store.approvals.decide('00000000-0000-4000-b000-000000000001', {
          decision: 'approved',
          by: 'user:default/dave',
        }),
      ).toBe(false);
    },
  );
});
