import { InputError, NotAllowedError } from '@backstage/errors';
import {
  DNS_LABEL,
  SlipwayApplicationSpec,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  ActionRefusal,
  DatabaseCopyConfig,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';
import { PLAIN_SQL_NAME } from './copyNames';

/** What the requester asks; `prepare` fills in every field, and that is what the run records. */
export type DbCopyParameters = {
  /** The postgres component whose database is copied. */
  component?: string;
  /** Hours the copy lives once it is made. */
  ttlHours?: number;
  /** Run the masking script configured for the component. */
  masking?: boolean;
};

/** The applications (by name) whose manifests declare a database of this name (ManifestIndex). */
export type DatabaseClaimants = (database: string) => string[];

/** Why no copy is made of this database: another application's manifest declares it too. */
export function sharedDatabaseReason(
  claimants: DatabaseClaimants,
  database: string,
): string | undefined {
  const claiming = claimants(database);
  return claiming.length > 1
    ? `The manifests of ${claiming.join(
        ' and ',
      )} both declare the database ${database}; a database belongs to one application, so no copy is made of it until only one of them declares it`
    : undefined;
}

/** The postgres components of an application (those with a database name a copy can use). */
export function postgresComponents(application: SlipwayApplicationSpec) {
  return application.components.filter(c => c.type === 'postgres');
}

/**
 * Database copy: copy the production database of one of the application's postgres components into a new database
 * on the server of the run's (non-production) environment, optionally masked, living for a time. Checks everything
 * that depends on the configuration and the manifest before the run is recorded; the executor does the copy.
 */
export function createDbCopyAction(
  config: DatabaseCopyConfig,
  claimants: DatabaseClaimants,
): ActionDefinition<DbCopyParameters> {
  const { defaultHours, maxHours } = config.ttl;

  const unavailableReason = ({
    application,
    environment,
    environments,
  }: {
    application: SlipwayApplicationSpec;
    environment: SlipwayEnvironment;
    environments: SlipwayEnvironment[];
  }): string | ActionRefusal | undefined => {
    if (environment.production)
      return `${environment.title} is a production environment: database copies go into non-production environments only`;
    const source = environments.find(e => e.name === config.sourceEnvironment);
    if (!source)
      return {
        reason:
          'The platform team has not set up database copies: there is no production environment to copy from.',
        detail:
          'No environment named by slipway.databases.source; see docs/database-copies.md',
      };
    if (source.name === environment.name)
      return `${environment.title} is where databases are copied from`;
    const components = postgresComponents(application);
    if (!components.length)
      return 'The manifest declares no postgres component to copy';
    const shared = components.map(c =>
      c.database ? sharedDatabaseReason(claimants, c.database) : undefined,
    );
    if (shared.every(Boolean)) return shared[0];
    for (const env of [source, environment]) {
      if (!config.servers[env.name])
        return {
          reason: `The platform team has not set up database copies for ${env.title} yet.`,
          detail: `No database server in slipway.databases.servers.${env.name}; see docs/database-copies.md`,
        };
    }
    return undefined;
  };

  return {
    id: 'db-copy',
    title: 'Copy production database',
    description: `Copy the production database into a new database here, optionally masked, that is dropped after its time to live (default ${defaultHours} h, at most ${maxHours} h).`,
    parameters: z.strictObject({
      component: z
        .string()
        .max(63)
        .regex(DNS_LABEL, 'must be a component name')
        .optional()
        .describe(
          'The postgres component to copy (needed when the application has several)',
        ),
      ttlHours: z
        .number()
        .int('must be a whole number of hours')
        .min(1)
        .max(maxHours, `must be at most ${maxHours} hours`)
        .optional()
        .describe(
          `Hours the copy lives (default ${defaultHours}, at most ${maxHours})`,
        ),
      masking: z
        .boolean()
        .optional()
        .describe(
          'Run the masking script configured for the component (default: yes when one is configured)',
        ),
    }),
    mutating: true,
    // A large database takes a while; a platform sets its own limit with actions.db-copy.timeoutSeconds.
    timeoutSeconds: 6 * 3600,
    // A resumed copy starts over from an empty database (the executor drops what an interrupted attempt left).
    resumable: true,
    defaultExecutor: 'postgres',
    unavailableReason,
    // The masking box shows what will happen: checked where a script is configured, fixed where it is required,
    // absent where there is none.
    form: ({ application, entity }) => {
      const scripts = postgresComponents(application).map(
        c => config.masking[entity.metadata.name]?.[c.name],
      );
      if (scripts.every(s => !s)) return { omit: ['masking'] };
      if (scripts.every(s => s?.required)) return { fixed: { masking: true } };
      return scripts.every(Boolean) ? { defaults: { masking: true } } : {};
    },
    prepare: async ({ parameters, application, entity }) => {
      const candidates = postgresComponents(application);
      const names = candidates.map(c => c.name).join(', ');
      let component = candidates[0];
      if (parameters.component) {
        const found = candidates.find(c => c.name === parameters.component);
        if (!found)
          throw new InputError(
            `parameters.component: "${parameters.component}" is not a postgres component of ${entity.metadata.name} (it has: ${names})`,
          );
        component = found;
      } else if (candidates.length > 1) {
        throw new InputError(
          `parameters.component: ${entity.metadata.name} has several postgres components (${names}); say which to copy`,
        );
      }
      if (!component.database || !PLAIN_SQL_NAME.test(component.database))
        throw new InputError(
          `The manifest's component ${component.name} has no usable database name (a-z, 0-9, _)`,
        );
      const shared = sharedDatabaseReason(claimants, component.database);
      if (shared) throw new NotAllowedError(shared);
      const script =
        config.masking[entity.metadata.name]?.[component.name] ?? undefined;
      const masking = parameters.masking ?? Boolean(script);
      if (masking && !script)
        throw new InputError(
          `parameters.masking: no masking script is configured for ${component.name} of ${entity.metadata.name} (slipway.databases.masking.${entity.metadata.name}.${component.name})`,
        );
      if (!masking && script?.required)
        throw new InputError(
          `parameters.masking: the masking script of ${component.name} is required; a copy of ${entity.metadata.name} cannot skip it`,
        );
      return {
        component: component.name,
        ttlHours: parameters.ttlHours ?? defaultHours,
        masking,
      };
    },
  };
}
