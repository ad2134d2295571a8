import {
  coreServices,
  HttpAuthService,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleSlipway from '@slipway/backstage-plugin-catalog-backend-module-slipway';
import { JsonObject } from '@backstage/types';
import {
  FINAL_RUN_STATUSES,
  slipwayActionExecutePermission,
  slipwayActionForcePermission,
  slipwayRunApprovePermission,
  slipwayNewsPublishPermission,
  slipwayFeedbackReadPermission,
  slipwayInsightsAllPermission,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  ActionExecutor,
  createSlipwayActionConditionalDecision,
  slipwayActionConditions,
  slipwayActionsExtensionPoint,
} from '@slipway/backstage-plugin-slipway-node';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { TestGitOps } from '@slipway/backstage-plugin-slipway-node/testing';
import { Knex } from 'knex';
import request from 'supertest';
import { applicationEntity, paymentsSystem } from './entities';
import { recordingAuditor } from './recordingAuditor';
import { slipwayPlugin } from '../plugin';

/** Who is who in the tests: user → what they act for. */
export const PEOPLE: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/payments'],
  'user:default/dave': ['user:default/dave', 'group:default/payments'],
  'user:default/bob': ['user:default/bob', 'group:default/storefront'],
  'user:default/carol': ['user:default/carol', 'group:default/platform-admins'],
};

/** The demo's rules: owners outside production, the owner group in production, admins everywhere, force for admins. */
const policy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy: extension }) {
        extension.setPolicy({
          async handle(req, user) {
            const claims =
              PEOPLE[(user?.credentials.principal as any)?.userEntityRef] ?? [];
            if (claims.includes('group:default/platform-admins'))
              return { result: AuthorizeResult.ALLOW };
            if (isPermission(req.permission, slipwayActionExecutePermission)) {
              return createSlipwayActionConditionalDecision(req.permission, {
                anyOf: [
                  {
                    allOf: [
                      slipwayActionConditions.isApplicationOwner({ claims }),
                      {
                        not: slipwayActionConditions.isProductionEnvironment(),
                      },
                    ],
                  },
                  {
                    allOf: [
                      slipwayActionConditions.isApplicationOwner({
                        claims: claims.filter(c => c.startsWith('group:')),
                      }),
                      slipwayActionConditions.isProductionEnvironment(),
                    ],
                  },
                ],
              });
            }
            if (isPermission(req.permission, slipwayRunApprovePermission)) {
              return createSlipwayActionConditionalDecision(
                req.permission,
                slipwayActionConditions.isApplicationOwner({
                  claims: claims.filter(c => c.startsWith('group:')),
                }),
              );
            }
            if (
              isPermission(req.permission, slipwayActionForcePermission) ||
              isPermission(req.permission, slipwayNewsPublishPermission) ||
              isPermission(req.permission, slipwayFeedbackReadPermission) ||
              isPermission(req.permission, slipwayInsightsAllPermission)
            )
              return { result: AuthorizeResult.DENY };
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

/*
 * The test backend's mock auth drops the actor when a plugin calls another on behalf of a user, and the permission
 * framework refuses such calls to apply-conditions (a real backend keeps the actor). Put the actor back.
 */
const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const base = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    return {
      credentials: (async (req: any, options: any) => {
        const header = String(req.headers.authorization ?? '');
        const prefix = 'Bearer mock-service-token:';
        const obo = header.startsWith(prefix)
          ? JSON.parse(header.slice(prefix.length)).obo
          : undefined;
        if (obo)
          return mockCredentials.user(obo, {
            actor: { subject: 'plugin:permission' },
          });
        return base.credentials(req, options);
      }) as HttpAuthService['credentials'],
      issueUserCookie: (res, options) => base.issueUserCookie(res, options),
    };
  },
});

/** Adds test actions and executors through the extension point, as a platform team's module would. */
export function actionsModule(options: {
  actions?: ActionDefinition<any>[];
  executors?: ActionExecutor<any>[];
}) {
  return createBackendModule({
    pluginId: 'slipway',
    moduleId: 'test-actions',
    register(reg) {
      reg.registerInit({
        deps: { actions: slipwayActionsExtensionPoint },
        async init({ actions }) {
          if (options.actions?.length) actions.addAction(...options.actions);
          if (options.executors?.length)
            actions.addExecutor(...options.executors);
        },
      });
    },
  });
}

/** An executor for the restarts `environments` configure: succeeds at once. */
export const instantRestart: ActionExecutor<any> = {
  id: 'test',
  action: 'restart',
  execute: async () => ({ summary: 'restarted' }),
};

export const environments = [
  { name: 'dev', actions: { restart: { executor: 'test' } } },
  {
    name: 'prod',
    production: true,
    // Approvals have their own tests (approvals/approvals.test.ts); here production runs start at once.
    approval: { required: false },
    actions: { restart: { executor: 'test', timeoutSeconds: 2 } },
  },
];

/** Notifications the backend sent, as the notifications service received them. */
export const sentNotifications: NotificationSendOptions[] = [];
const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    send: async (options: NotificationSendOptions) => {
      sentNotifications.push(options);
    },
  }),
});

/** The audit events of the backends these tests start, as the auditor received them. */
export const { auditor: recordingAuditorService, events: auditEvents } =
  recordingAuditor();
const auditorFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {},
  factory: () => recordingAuditorService,
});

/** The in-memory catalog, hiding some entities from some people. */
function catalogWithVisibility(
  entities: Entity[],
  hiddenFrom: Record<string, string[]>,
) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const catalog = catalogServiceMock({ entities });
      const byRef = catalog.getEntityByRef.bind(catalog);
      const byRefs = catalog.getEntitiesByRefs.bind(catalog);
      // The catalog service is always called with credentials here; a call without any sees everything.
      const hidden = (options: any, ref: string) =>
        (
          hiddenFrom[options?.credentials?.principal?.userEntityRef] ?? []
        ).includes(ref);
      const getEntityByRef: typeof catalog.getEntityByRef = async (
        ref,
        options,
      ) =>
        hidden(options, typeof ref === 'string' ? ref : stringifyEntityRef(ref))
          ? undefined
          : byRef(ref, options);
      const getEntitiesByRefs: typeof catalog.getEntitiesByRefs = async (
        query,
        options,
      ) => {
        const { items } = await byRefs(query, options);
        return {
          items: items.map((entity, i) =>
            hidden(options, query.entityRefs[i]) ? undefined : entity,
          ),
        };
      };
      return Object.assign(catalog, { getEntityByRef, getEntitiesByRefs });
    },
  });
}

/** The GitOps repositories the backends of a test file declared their applications in, removed after the file. */
const repositories: TestGitOps[] = [];
afterAll(() =>
  repositories.splice(0).forEach(repository => repository.remove()),
);

/**
 * The slipway plugin with the permission framework, a catalog, and fast worker timings, on the given database. The
 * catalog's applications are declared in a GitOps repository of their own (or `gitops`), as the catalog module would
 * have read them; `impostors` are in the catalog only.
 */
export async function startSlipwayBackend(options: {
  knex?: Knex;
  executors?: ActionExecutor<any>[];
  actions?: ActionDefinition<any>[];
  slipway?: JsonObject;
  /** Catalog entities; default: the applications checkout (payments) and shop (storefront). */
  entities?: Entity[];
  /** The GitOps repository to declare the applications in (default: a new one). */
  gitops?: TestGitOps;
  /** Application entities in the catalog that no manifest of the GitOps repository declares. */
  impostors?: Entity[];
  /** Entities the catalog hides from a person (user ref → entity refs), as a catalog permission policy would. */
  hiddenFrom?: Record<string, string[]>;
  /**
   * `real`: Backstage's catalog with Slipway's catalog module reading the GitOps repository, instead of an in-memory
   * catalog of `entities` (whose applications are then only declared in the repository; `impostors` and `hiddenFrom`
   * do not apply: register locations through the catalog's API).
   */
  catalog?: 'real';
  /** More features, e.g. real service factories instead of the test backend's mocks. */
  features?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  const gitops = options.gitops ?? new TestGitOps();
  if (!options.gitops) repositories.push(gitops);
  const entities = gitops.declare(
    options.entities ?? [
      applicationEntity('checkout'),
      applicationEntity('shop', {
        owner: 'group:default/storefront',
        system: 'system:default/storefront',
      }),
      paymentsSystem,
    ],
  );
  const { server } = await startTestBackend({
    features: [
      ...(options.features ?? []),
      slipwayPlugin,
      permissionPlugin,
      policy,
      httpAuthWithActors,
      notifications,
      auditorFactory,
      actionsModule(options),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.catalog === 'real'
        ? [catalogPlugin, catalogModuleSlipway]
        : [
            catalogWithVisibility(
              [...entities, ...(options.impostors ?? [])],
              options.hiddenFrom ?? {},
            ),
          ]),
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const userEntityRef = (credentials.principal as any).userEntityRef;
          return {
            userEntityRef,
            ownershipEntityRefs: PEOPLE[userEntityRef] ?? [userEntityRef],
          };
        },
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          backend: { baseUrl: 'http://localhost:7007' },
          catalog: { processingInterval: { seconds: 1 } },
          slipway: {
            environments,
            gitops: { url: gitops.url },
            runs: { pollSeconds: 0.1, heartbeatSeconds: 0.1, staleSeconds: 1 },
            ...options.slipway,
          },
        },
      }),
    ],
  });
  const as = (user: string) =>
    mockCredentials.user.header(`user:default/${user}`);
  return {
    server,
    gitops,
    post: (user: string, body: object) =>
      request(server)
        .post('/api/slipway/runs')
        .set('Authorization', as(user))
        .send(body),
    preview: (user: string, body: object) =>
      request(server)
        .post('/api/slipway/previews')
        .set('Authorization', as(user))
        .send(body),
    approve: (user: string, id: string, comment?: string) =>
      request(server)
        .post(`/api/slipway/runs/${id}/approve`)
        .set('Authorization', as(user))
        .send(comment ? { comment } : {}),
    reject: (user: string, id: string, comment: string) =>
      request(server)
        .post(`/api/slipway/runs/${id}/reject`)
        .set('Authorization', as(user))
        .send({ comment }),
    cancel: (user: string, id: string) =>
      request(server)
        .post(`/api/slipway/runs/${id}/cancel`)
        .set('Authorization', as(user)),
    get: (user: string, path: string) =>
      request(server).get(`/api/slipway${path}`).set('Authorization', as(user)),
    put: (user: string, path: string, body: object) =>
      request(server)
        .put(`/api/slipway${path}`)
        .set('Authorization', as(user))
        .send(body),
    /** Polls a run until it is final (a real database copy on a busy machine may take a while). */
    async finished(user: string, id: string) {
      for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
        const res = await request(server)
          .get(`/api/slipway/runs/${id}`)
          .set('Authorization', as(user));
        if (FINAL_RUN_STATUSES.includes(res.body.status)) return res.body;
        await new Promise(r => setTimeout(r, 50));
      }
      throw new Error(`run ${id} did not finish`);
    },
  };
}

let keys = 0;
/** A fresh idempotency key. */
export const key = () => `test-key-${Date.now()}-${++keys}`;
