import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { z } from 'zod';
import { configKey, dnsLabel } from './configSchemas';
import { compileTemplate, Template } from './templates';

/** One configured environment, checked and with its templates compiled. @public */
export interface SlipwayEnvironment {
  name: string;
  title: string;
  production: boolean;
  /** Position in the promotion order (0 = first). */
  order: number;
  kubernetes?: { cluster: string; namespace: Template };
  argocd?: { instance: string; application: Template };
  links: Array<{ title: string; url: Template }>;
  /** Whether runs here wait for someone else's approval (mutating runs of the listed actions only). */
  approval: {
    required: boolean;
    actions?: string[];
    expiresAfterHours: number;
    /** Told when a run here waits, besides the application's owners (users or groups, e.g. a change board). */
    notify: string[];
  };
  /** Per action id: which executor runs it here, and the executor's settings (`slipway.environments[].actions`). */
  actions: Record<string, { executor?: string; config: Config }>;
}

/** @public */
export interface ArgoCdInstance {
  name: string;
  url: string;
  token: string;
}

/** @public */
export interface GitOpsConfig {
  url: string;
  branch: string;
  path: string;
  changes: 'commit' | 'pull-request';
  refreshSeconds: number;
}

/** How the backend executes runs (`slipway.runs`): only what is configured; the engine has the defaults. @public */
export interface RunsConfig {
  pollMs?: number;
  heartbeatMs?: number;
  staleMs?: number;
  maxConcurrent?: number;
}

/** Slipway's configuration (`slipway.*`), validated. @public */
export interface SlipwayConfig {
  environments: SlipwayEnvironment[];
  argocd: {
    instances: ArgoCdInstance[];
    timeoutMs: number;
    concurrency: number;
    cacheSeconds: number;
  };
  gitops: GitOpsConfig;
  catalog: { grafanaDashboardSelector: Template };
  runs: RunsConfig;
}

const name = dnsLabel;
const seconds = (min: number, max: number) => z.number().min(min).max(max);
const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');
const template = z.string().transform((source, ctx) => {
  try {
    return compileTemplate(source);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const environment = z.strictObject({
  name,
  title: z.string().min(1).optional(),
  production: z.boolean().default(false),
  kubernetes: z
    .strictObject({
      cluster: name,
      namespace: template.default(
        compileTemplate('{{ app.name }}-{{ env.name }}'),
      ),
    })
    .optional(),
  argocd: z
    .strictObject({
      instance: name,
      application: template.default(
        compileTemplate('{{ app.name }}-{{ env.name }}'),
      ),
    })
    .optional(),
  links: z
    .strictObject({
      logs: template.optional(),
      dashboard: template.optional(),
      extra: z
        .array(z.strictObject({ title: z.string().min(1), url: template }))
        .optional(),
    })
    .optional(),
  approval: z
    .strictObject({
      required: z.boolean().optional(),
      actions: z.array(name).optional(),
      expiresAfterHours: z.number().min(0.05).max(720).default(24),
      notify: z
        .array(
          z
            .string()
            .regex(
              /^(user|group):([a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i,
              'must be a user or group entity reference such as group:default/platform-admins',
            ),
        )
        .optional(),
    })
    .optional(),
  // Each executor checks its own settings (ActionExecutor.validateConfig); here only the executor's name.
  actions: z
    .record(name, z.looseObject({ executor: name.optional() }))
    .optional(),
});

const schema = z.strictObject({
  environments: z
    .array(environment)
    .min(1, 'configure at least one environment'),
  argocd: z
    .strictObject({
      instances: z.array(
        z.strictObject({ name, url: httpUrl, token: z.string().min(1) }),
      ),
      timeoutMs: z.number().int().min(100).max(60_000).default(2500),
      concurrency: z.number().int().min(1).max(100).default(8),
      cacheSeconds: z.number().min(0).max(3600).default(15),
    })
    .default({
      instances: [],
      timeoutMs: 2500,
      concurrency: 8,
      cacheSeconds: 15,
    }),
  gitops: z.strictObject({
    url: z.string().min(1),
    branch: z
      .string()
      .regex(/^[A-Za-z0-9._/-]{1,200}$/, 'must be a plain branch name')
      .refine(
        b => !b.includes('..') && !b.startsWith('-'),
        'must be a plain branch name',
      )
      .default('main'),
    path: z
      .string()
      .regex(/^[A-Za-z0-9._/-]*$/, 'must be a relative folder such as `apps`')
      .refine(
        p => !p.split('/').includes('..'),
        'must stay inside the repository',
      )
      .default(''),
    changes: z.enum(['commit', 'pull-request']).default('commit'),
    refreshSeconds: z.number().min(1).max(86400).default(60),
  }),
  runs: z
    .strictObject({
      pollSeconds: seconds(0.01, 3600).optional(),
      heartbeatSeconds: seconds(0.01, 3600).optional(),
      staleSeconds: seconds(0.05, 86400).optional(),
      maxConcurrent: z
        .number()
        .int('must be a whole number')
        .min(1)
        .max(10_000)
        .optional(),
    })
    .refine(
      r =>
        r.staleSeconds === undefined ||
        r.staleSeconds > (r.heartbeatSeconds ?? 5),
      {
        message:
          'staleSeconds must be longer than heartbeatSeconds (default 5), or live runs would be taken for dead ones',
        path: ['staleSeconds'],
      },
    )
    .default({}),
  catalog: z
    .strictObject({
      grafanaDashboardSelector: template.default(
        compileTemplate("tags @> 'app:{{ app.name }}'"),
      ),
    })
    .default({
      grafanaDashboardSelector: compileTemplate("tags @> 'app:{{ app.name }}'"),
    }),
});

const keyOf = (path: ReadonlyArray<PropertyKey>) => configKey('slipway', path);

/**
 * Reads and checks `slipway.*`. Throws an Error whose message names every wrong key
 * (`slipway.environments[1].argocd.instance: no Argo CD instance named "main"`), so a wrong configuration stops the
 * backend at start instead of failing later.
 *
 * Other packages may add keys under `slipway` (actions, databases); they are not checked here.
 *
 * @public
 */
export function readSlipwayConfig(config: Config): SlipwayConfig {
  const raw = config.getOptional('slipway') as
    | Record<string, unknown>
    | undefined;
  if (!raw) {
    throw new Error(
      'Missing configuration: slipway.environments and slipway.gitops are required (see docs/environments.md)',
    );
  }
  const own = Object.fromEntries(
    Object.entries(raw).filter(([key]) =>
      ['environments', 'argocd', 'gitops', 'catalog', 'runs'].includes(key),
    ),
  );
  const parsed = schema.safeParse(own);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map(
        issue => `${keyOf(issue.path)}: ${issue.message}`,
      );

  if (parsed.success) {
    const seen = new Set<string>();
    const instances = new Set(parsed.data.argocd.instances.map(i => i.name));
    parsed.data.environments.forEach((env, i) => {
      if (seen.has(env.name))
        problems.push(
          `slipway.environments[${i}].name: "${env.name}" is configured twice`,
        );
      seen.add(env.name);
      if (env.argocd && !instances.has(env.argocd.instance)) {
        problems.push(
          `slipway.environments[${i}].argocd.instance: no Argo CD instance named "${env.argocd.instance}" in slipway.argocd.instances`,
        );
      }
    });
  }
  if (problems.length || !parsed.success) {
    throw new Error(
      `Invalid Slipway configuration:\n  ${problems.join('\n  ')}`,
    );
  }

  const data = parsed.data;
  const environmentConfigs = config.getConfigArray('slipway.environments');
  return {
    environments: data.environments.map((env, order) => ({
      name: env.name,
      title: env.title ?? env.name,
      production: env.production,
      order,
      kubernetes: env.kubernetes,
      argocd: env.argocd,
      links: [
        ...(env.links?.logs ? [{ title: 'Logs', url: env.links.logs }] : []),
        ...(env.links?.dashboard
          ? [{ title: 'Dashboard', url: env.links.dashboard }]
          : []),
        ...(env.links?.extra ?? []),
      ],
      approval: {
        required: env.approval?.required ?? env.production,
        ...(env.approval?.actions ? { actions: env.approval.actions } : {}),
        expiresAfterHours: env.approval?.expiresAfterHours ?? 24,
        notify: (env.approval?.notify ?? []).map(ref =>
          stringifyEntityRef(parseEntityRef(ref)),
        ),
      },
      actions: Object.fromEntries(
        Object.entries(env.actions ?? {}).map(([action, settings]) => [
          action,
          {
            executor: settings.executor,
            config: environmentConfigs[order].getConfig(`actions.${action}`),
          },
        ]),
      ),
    })),
    argocd: data.argocd,
    gitops: data.gitops,
    catalog: data.catalog,
    runs: {
      ...(data.runs.pollSeconds !== undefined
        ? { pollMs: data.runs.pollSeconds * 1000 }
        : {}),
      ...(data.runs.heartbeatSeconds !== undefined
        ? { heartbeatMs: data.runs.heartbeatSeconds * 1000 }
        : {}),
      ...(data.runs.staleSeconds !== undefined
        ? { staleMs: data.runs.staleSeconds * 1000 }
        : {}),
      ...(data.runs.maxConcurrent !== undefined
        ? { maxConcurrent: data.runs.maxConcurrent }
        : {}),
    },
  };
}
