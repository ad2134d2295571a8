import { APPLICATION_TYPES } from '@slipway/backstage-plugin-slipway-common';
import { z as zod } from 'zod/v3';

/*
 * The inputs and outputs of `slipway:manifest:create`. Formats are only sketched here (types, required fields):
 * the manifest built from them is checked by the catalog's own parser, whose messages are the ones people know.
 */
type Zod = typeof zod;

/** Inputs of `slipway:manifest:create`, as scaffolder-node's per-field zod factories. */
export const createManifestInput = {
  name: (z: Zod) =>
    z
      .string()
      .describe(
        'Name of the application: a lowercase DNS label, unique in the GitOps repository; the catalog entity name',
      ),
  type: (z: Zod) =>
    z
      .enum(APPLICATION_TYPES)
      .describe(
        'service (built in-house, runs an image), vendor (a third-party Helm chart) or etl (a scheduled job)',
      ),
  owner: (z: Zod) =>
    z
      .string()
      .describe(
        'Owning Group or User: `group:default/payments`, `payments` or `user:default/alice` (what OwnerPicker gives)',
      ),
  system: (z: Zod) =>
    z
      .string()
      .describe(
        'System it belongs to: `payments` or `system:default/payments` (what EntityPicker gives)',
      ),
  title: (z: Zod) =>
    z.string().optional().describe('Display name (metadata.title)'),
  description: (z: Zod) =>
    z.string().optional().describe('What it does (metadata.description)'),
  lifecycle: (z: Zod) =>
    z
      .string()
      .optional()
      .describe('Catalog lifecycle such as `experimental`; default production'),
  labels: (z: Zod) =>
    z
      .record(z.string())
      .optional()
      .describe('Labels for the catalog and link templates (metadata.labels)'),
  tags: (z: Zod) =>
    z.array(z.string()).optional().describe('Catalog tags (metadata.tags)'),
  image: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'service and etl: image repository without tag, e.g. `registry.example.com/payments/checkout-api`',
      ),
  chart: (z: Zod) =>
    z
      .object({
        repository: z
          .string()
          .describe('Helm repository: an https:// index or an oci:// registry'),
        name: z.string().describe('Chart name'),
      })
      .optional()
      .describe('vendor: the Helm chart'),
  values: (z: Zod) =>
    z
      .union([z.record(z.unknown()), z.string()])
      .optional()
      .describe(
        'vendor: Helm values for every environment, as an object or as YAML text (a form text area)',
      ),
  schedule: (z: Zod) =>
    z
      .string()
      .optional()
      .describe('etl: cron expression with five fields, or @daily, @hourly, …'),
  environments: (z: Zod) =>
    z
      .array(z.string())
      .min(1)
      .describe(
        'Environments it starts in (names from slipway.environments); each runs `version`',
      ),
  version: (z: Zod) =>
    z
      .string()
      .describe(
        'Image tag (service, etl) or chart version (vendor) of those environments',
      ),
  components: (z: Zod) =>
    z
      .array(z.record(z.unknown()))
      .optional()
      .describe(
        'Databases, caches, buckets it uses: `{ name, type, database?, description? }` (spec.components)',
      ),
  links: (z: Zod) =>
    z
      .array(
        z.object({
          title: z.string().describe('Link text'),
          url: z.string().describe('http(s) URL'),
          icon: z.string().optional().describe('Icon name'),
        }),
      )
      .optional()
      .describe('Links on its catalog page, e.g. its repository'),
  manifestPath: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Path of the manifest in the GitOps repository; default `<slipway.gitops.path>/apps/<system>/<name>.yaml`',
      ),
  validateOnly: (z: Zod) =>
    z
      .boolean()
      .optional()
      .describe(
        'Only check the manifest and that its name is free, and output what would be written; write nothing. A template runs this first so that a taken name fails before it creates a repository.',
      ),
};

/** Outputs of `slipway:manifest:create`. */
export const createManifestOutput = {
  manifestPath: (z: Zod) =>
    z.string().describe('Path of the manifest in the GitOps repository'),
  manifest: (z: Zod) => z.string().describe('The manifest, as written (YAML)'),
  entityRef: (z: Zod) =>
    z
      .string()
      .describe(
        'The catalog entity the application becomes, e.g. `component:default/checkout-api`',
      ),
  status: (z: Zod) =>
    z
      .enum(['committed', 'pull-request', 'dry-run'])
      .describe(
        'committed (pushed to the branch), pull-request (opened, waiting for review), or dry-run (nothing written)',
      ),
  diff: (z: Zod) => z.string().describe('Unified diff of the change'),
  revision: (z: Zod) =>
    z
      .string()
      .optional()
      .describe('The commit made (also the pull request head commit)'),
  changeUrl: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Web page of the change: the pull request, or the commit when the host has one',
      ),
  manifestUrl: (z: Zod) =>
    z
      .string()
      .optional()
      .describe('Web page of the committed manifest, when the host has one'),
  gitopsRepositoryUrl: (z: Zod) =>
    z
      .string()
      .describe(
        'URL of the GitOps repository (a file:// URL for a local one), for build pipelines that deploy by editing the manifest',
      ),
  gitopsBranch: (z: Zod) =>
    z.string().describe('Branch of the GitOps repository'),
};

/**
 * The scaffolder checks a step's input against the JSON schema made from the fields above before the step runs; the
 * handler checks it again with this schema so that a direct call fails with the same clear messages, not a TypeError.
 */
export const createManifestInputSchema = zod.object(
  Object.fromEntries(
    Object.entries(createManifestInput).map(([key, field]) => [
      key,
      field(zod),
    ]),
  ) as {
    [K in keyof typeof createManifestInput]: ReturnType<
      (typeof createManifestInput)[K]
    >;
  },
);
