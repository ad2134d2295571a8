import { z } from 'zod';
import {
  CHART_NAME,
  CHART_REPOSITORY,
  CRON,
  DATABASE_NAME,
  DNS_LABEL,
  ENV_VAR,
  entityRefPattern,
  HTTP_URL,
  IMAGE,
  LABEL_KEY,
  LABEL_VALUE,
  SECRET_PATH,
  SECRET_STORE,
  TAG,
  VERSION,
} from './patterns';

/** The `apiVersion` of every Slipway manifest. @public */
export const MANIFEST_API_VERSION = 'slipway.dev/v1alpha1';

/** Application types: built in-house, a third-party Helm chart, a scheduled job. @public */
export const APPLICATION_TYPES = ['service', 'vendor', 'etl'] as const;

/** Component types an application may declare; each becomes a catalog Resource. @public */
export const COMPONENT_TYPES = [
  'postgres',
  'mysql',
  'redis',
  'bucket',
  'queue',
  'topic',
  'search',
] as const;

const dnsLabel = () =>
  z
    .string()
    .max(63, 'must be at most 63 characters')
    .regex(
      DNS_LABEL,
      'must be a lowercase DNS label: a-z, 0-9 and `-`, starting and ending with a letter or digit',
    );

const metadata = z.strictObject({
  name: dnsLabel().describe(
    'Lowercase DNS label, unique across the repository; the catalog entity name.',
  ),
  title: z.string().min(1).max(100).optional().describe('Display name.'),
  description: z
    .string()
    .max(2000)
    .optional()
    .describe('One or two sentences: what it does.'),
  labels: z
    .record(
      z
        .string()
        .regex(LABEL_KEY, 'label keys look like `tier` or `acme.com/tier`'),
      z
        .string()
        .regex(
          LABEL_VALUE,
          'label values are at most 63 characters of A-Z, a-z, 0-9, `-`, `_` and `.`',
        ),
    )
    .optional()
    .describe(
      'Labels passed to the catalog and to link and dashboard templates.',
    ),
  tags: z
    .array(
      z.string().max(63).regex(TAG, 'tags are lowercase words joined by `-`'),
    )
    .max(20)
    .optional()
    .describe('Catalog tags.'),
});

const owner = z
  .string()
  .regex(
    entityRefPattern(['group', 'user']),
    'must be a Group or User reference such as `group:default/payments` or `user:alice`',
  )
  .describe(
    'The owning Group (or User): `group:default/payments`, `group:payments` or `payments`.',
  );

const version = z
  .string({ error: versionTypeError })
  .regex(
    VERSION,
    'must be an image tag or chart version: letters, digits, `.`, `_`, `+` and `-`, at most 128 characters',
  );

/** YAML reads `1.10` as the number 1.1: say so instead of "expected string". */
function versionTypeError(issue: { input?: unknown }) {
  return typeof issue.input === 'number'
    ? `must be a string: quote it, e.g. "${issue.input}" (YAML reads unquoted 1.10 as the number 1.1)`
    : 'must be a string such as "1.4.2"';
}

const envVars = z
  .record(
    z
      .string()
      .regex(ENV_VAR, 'environment variable names are letters, digits and `_`'),
    z.union([z.string(), z.number(), z.boolean()]).transform(String),
  )
  .describe(
    'Plain (non-secret) environment variables. Secrets go in `spec.secrets`.',
  );

const helmValues = z
  .record(z.string(), z.unknown())
  .describe('Helm values for this chart (vendor applications only).');

const environmentBase = {
  version: version.describe(
    'The image tag or chart version this environment runs.',
  ),
  env: envVars.optional(),
};

const replicaCount = (min: number) =>
  z.number().int('must be a whole number').min(min).max(1000);

/** Written by Slipway's Pause (with `replicas: 0`), removed by Resume. */
const pausedState = z
  .strictObject({
    since: z.iso
      .datetime({
        offset: true,
        message: 'must be a date and time such as "2026-12-05T20:00:00Z"',
      })
      .describe('When the environment was paused.'),
    replicas: replicaCount(1)
      .optional()
      .describe(
        'The replicas Resume restores; absent: the chart or deployment default.',
      ),
    until: z.iso
      .datetime({
        offset: true,
        message: 'must be a date and time such as "2026-12-07T07:00:00Z"',
      })
      .optional()
      .describe("When Slipway's pause schedule resumes it."),
  })
  .describe(
    "Paused by Slipway to save cost: it runs no replicas until resumed. Written and removed by the portal's Pause and Resume.",
  );

const workloadEnvironment = z.strictObject({
  ...environmentBase,
  replicas: replicaCount(0)
    .optional()
    .describe('Number of replicas; default: the chart or deployment default.'),
  paused: pausedState.optional(),
});

const vendorEnvironment = workloadEnvironment.extend({
  values: helmValues.optional(),
});

const jobEnvironment = z.strictObject({
  ...environmentBase,
  suspended: z
    .boolean()
    .optional()
    .describe('Stop scheduling the job in this environment.'),
});

const environments = <T extends z.ZodType>(entry: T) =>
  z
    .record(dnsLabel(), entry)
    .refine(value => Object.keys(value).length > 0, {
      message: 'must name at least one environment',
    })
    .describe(
      'Per configured environment (`slipway.environments`): the version it runs and its overrides.',
    );

const component = z
  .strictObject({
    name: dnsLabel().describe(
      'Unique across the repository; the catalog Resource entity name.',
    ),
    type: z.enum(COMPONENT_TYPES, {
      error: `must be one of ${COMPONENT_TYPES.join(', ')}`,
    }),
    database: z
      .string()
      .regex(
        DATABASE_NAME,
        'must be a plain lowercase SQL name (a-z, 0-9, `_`)',
      )
      .optional()
      .describe('Database name (postgres and mysql components: required).'),
    description: z.string().max(2000).optional(),
  })
  .superRefine((value, ctx) => {
    if (
      (value.type === 'postgres' || value.type === 'mysql') &&
      !value.database
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['database'],
        message: `a ${value.type} component needs \`database\`: the name of its database`,
      });
    }
  });

const secretRef = z.strictObject({
  env: z
    .string()
    .regex(
      ENV_VAR,
      'must be an environment variable name (letters, digits and `_`)',
    )
    .describe('The environment variable the secret is exposed as.'),
  from: z
    .strictObject({
      store: z
        .string()
        .regex(SECRET_STORE, 'must be the lowercase name of a secret store'),
      name: z
        .string()
        .regex(SECRET_PATH, 'must be the path of the secret in the store'),
      key: z
        .string()
        .regex(SECRET_PATH, 'must be the name of a key within the secret')
        .optional(),
    })
    .describe(
      'Where the secret lives: store, secret name and (optionally) key. Never the value.',
    ),
});

const link = z.strictObject({
  title: z.string().min(1).max(100),
  url: z
    .string()
    .max(2000)
    .regex(HTTP_URL, 'must be an http:// or https:// URL'),
  icon: z.string().max(50).optional(),
});

const commonSpec = {
  owner,
  system: z
    .string()
    .regex(
      entityRefPattern(['system']),
      'must be a System name such as `payments`',
    )
    .describe('The System this application belongs to.'),
  lifecycle: z
    .string()
    .regex(
      DNS_LABEL,
      'lifecycle is a lowercase word such as `production` or `experimental`',
    )
    .optional()
    .describe('Catalog lifecycle; default `production`.'),
  components: z
    .array(component)
    .max(50)
    .optional()
    .describe('Databases, caches, buckets, … it uses.'),
  secrets: z
    .array(secretRef)
    .max(100)
    .optional()
    .describe('Secret references (never values).'),
  links: z
    .array(link)
    .max(50)
    .optional()
    .describe('Extra links shown on its catalog page.'),
  dependsOn: z
    .array(
      z
        .string()
        .regex(
          entityRefPattern(['component', 'resource']),
          'entries are references such as `component:billing-api` or `resource:orders-db`',
        ),
    )
    .max(50)
    .optional()
    .describe('Other applications or resources it depends on.'),
};

const image = z
  .string()
  .max(255)
  .regex(
    IMAGE,
    'must be an image repository without tag or digest, e.g. `registry.example.com/team/app` (versions are set per environment)',
  )
  .describe(
    'Image repository, without tag: each environment names its version.',
  );

const serviceSpec = z.strictObject({
  type: z.literal('service'),
  ...commonSpec,
  image,
  environments: environments(workloadEnvironment),
});

const vendorSpec = z.strictObject({
  type: z.literal('vendor'),
  ...commonSpec,
  chart: z
    .strictObject({
      repository: z
        .string()
        .max(500)
        .regex(CHART_REPOSITORY, 'must be an https:// or oci:// URL'),
      name: z.string().max(100).regex(CHART_NAME, 'must be a Helm chart name'),
    })
    .describe(
      'The Helm chart: repository and name (each environment names its version).',
    ),
  values: helmValues.optional(),
  environments: environments(vendorEnvironment),
});

const etlSpec = z.strictObject({
  type: z.literal('etl'),
  ...commonSpec,
  image,
  schedule: z
    .string()
    .regex(CRON, 'must be a cron expression with five fields, e.g. "0 3 * * *"')
    .describe('When the job runs (cron, in the cluster time zone).'),
  environments: environments(jobEnvironment),
});

/** Schema of an Application manifest. @public */
export const applicationManifestSchema = z.strictObject({
  apiVersion: z.literal(MANIFEST_API_VERSION),
  kind: z.literal('Application'),
  metadata,
  spec: z.discriminatedUnion('type', [serviceSpec, vendorSpec, etlSpec], {
    error: `must be one of ${APPLICATION_TYPES.join(', ')}`,
  }),
});

/** Schema of a System manifest: a group of applications that acts as a unit. @public */
export const systemManifestSchema = z.strictObject({
  apiVersion: z.literal(MANIFEST_API_VERSION),
  kind: z.literal('System'),
  metadata: metadata.omit({ labels: true }),
  spec: z.strictObject({
    owner,
    domain: z
      .string()
      .regex(entityRefPattern(['domain']))
      .optional(),
  }),
});

/** Every manifest kind the repository may hold. @public */
export const manifestSchema = z.discriminatedUnion('kind', [
  applicationManifestSchema,
  systemManifestSchema,
]);

/** @public */
export type ApplicationManifest = z.infer<typeof applicationManifestSchema>;
/** @public */
export type SystemManifest = z.infer<typeof systemManifestSchema>;
/** @public */
export type Manifest = z.infer<typeof manifestSchema>;
/** @public */
export type ApplicationType = ApplicationManifest['spec']['type'];
/** @public */
export type ApplicationComponent = NonNullable<
  ApplicationManifest['spec']['components']
>[number];
/** @public */
export type ApplicationEnvironment =
  ApplicationManifest['spec']['environments'][string];

/** Fields each application type takes, for messages that explain a misplaced field. @internal */
export const FIELDS_BY_TYPE: Record<ApplicationType, string[]> = {
  service: Object.keys(serviceSpec.shape),
  vendor: Object.keys(vendorSpec.shape),
  etl: Object.keys(etlSpec.shape),
};
