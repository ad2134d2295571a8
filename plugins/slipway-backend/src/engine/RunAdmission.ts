import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  RunRequest,
  slipwayActionExecutePermission,
  slipwayActionForcePermission,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  SlipwayConfig,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { Request } from 'express';
import {
  ApplicationCatalog,
  VerifiedApplication,
} from '../catalog/ApplicationCatalog';
import { EnvironmentStatusService } from '../status/EnvironmentStatusService';
import { ActionAuthorizer } from './ActionAuthorizer';
import { ActionRegistry } from './ActionRegistry';
import { redactFreeText } from './redactFreeText';
import {
  describeZodIssues,
  findEnvironment,
  normalizeEntityRef,
  refusalMessage,
} from './requestChecks';
import { auditRun, RunAuditEventId } from './runAudit';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Who asks for a run: a signed-in person, whose permissions decide; or a schedule the platform team configured (e.g.
 * Pause's), which configuration already allows and which has no person to authorize. A schedule's runs are recorded
 * with the requester `schedule:slipway/<name>`.
 */
export type RunRequester =
  | { credentials: UserCredentials }
  | { schedule: string };

/** The requester a run records. */
export const requesterRef = (who: RunRequester) =>
  'credentials' in who
    ? who.credentials.principal.userEntityRef
    : `schedule:slipway/${who.schedule}`;

/** A request that passed validation, authorization and the origin check. */
export interface AdmittedRequest {
  action: ActionDefinition<any>;
  environment: SlipwayEnvironment;
  target: { action: string; environment: string; entityRef: string };
  /** The parameters as asked, with secrets pasted into free text redacted. */
  requested: Record<string, unknown>;
  verified: VerifiedApplication;
  /** Audits a refusal of this request (a failed event without a run) and returns the error to throw. */
  refused(error: Error): Promise<Error>;
}

/**
 * What every request for an action passes before anything happens, whether it becomes a run or only a preview:
 * validate the input → authorize → check that the application is made of a GitOps manifest (admit), then whether the
 * action applies there and the action's own preconditions (prepare). A refusal is audited under the caller's event id.
 */
export class RunAdmission {
  constructor(
    private readonly deps: {
      registry: ActionRegistry;
      applications: ApplicationCatalog;
      authorizer: ActionAuthorizer;
      status: EnvironmentStatusService;
      auditor: AuditorService;
      config: SlipwayConfig;
    },
  ) {}

  async admit(
    input: Omit<RunRequest, 'idempotencyKey'>,
    who: RunRequester,
    options: {
      eventId: RunAuditEventId;
      request?: Request<any, any, any, any, any>;
    },
  ): Promise<AdmittedRequest> {
    const { registry, applications } = this.deps;
    const requester = requesterRef(who);

    const action = registry.action(input.action);
    if (!action) {
      throw new InputError(
        `Unknown action "${input.action}"; known actions: ${registry
          .list()
          .map(a => a.id)
          .join(', ')}`,
      );
    }
    const environment = findEnvironment(this.deps.config, input.environment);
    const entityRef = normalizeEntityRef(input.entityRef);
    const parsed = action.parameters.safeParse(input.parameters ?? {});
    if (!parsed.success)
      throw new InputError(
        `Invalid parameters of ${action.id}: ${describeZodIssues(
          parsed.error,
        )}`,
      );
    // Free text is stored, audited and shown: a secret pasted into it goes no further than here.
    const requested = redactFreeText(parsed.data);
    const target = {
      action: action.id,
      environment: environment.name,
      entityRef,
    };
    const refused = async (error: Error) => {
      const event = await auditRun(
        this.deps.auditor,
        options.eventId,
        { ...target, parameters: requested, requester },
        { request: options.request, production: environment.production },
      );
      await event.fail({ error });
      return error;
    };

    const entity =
      'credentials' in who
        ? await this.authorize(
            who.credentials,
            { ...target, title: action.title },
            refused,
          )
        : await this.entity(entityRef);
    // Only the entity made of a manifest of the GitOps repository, and what that manifest says, are acted on.
    const checked = await applications.check(entity);
    if ('problem' in checked)
      throw await refused(new NotAllowedError(checked.problem));
    return {
      action,
      environment,
      target,
      requested,
      verified: { entity, application: checked.application },
      refused,
    };
  }

  /** Asks the permission policy (while the application is fetched); a denial is audited too. */
  private async authorize(
    credentials: UserCredentials,
    target: {
      action: string;
      environment: string;
      entityRef: string;
      title: string;
    },
    refused: (error: Error) => Promise<Error>,
  ): Promise<Entity> {
    const { authorizer, applications } = this.deps;
    const [entity, decision] = await Promise.all([
      this.entity(target.entityRef),
      authorizer.decide(slipwayActionExecutePermission, credentials),
    ]);
    if (authorizer.allows(decision, target, entity)) return entity;
    // Someone who may not read the application learns nothing about it, as the catalog would answer.
    await applications.getApplication(
      parseEntityRef(target.entityRef) as { namespace: string; name: string },
      credentials,
    );
    const denial = await authorizer.explainDenial(
      slipwayActionExecutePermission,
      target,
      entity,
      credentials,
    );
    throw await refused(new NotAllowedError(refusalMessage(denial)));
  }

  /**
   * Whether the action applies here (set up, something to do), then its own preconditions (e.g. promote: order,
   * versions, health). Returns the parameters to record.
   */
  async prepare(
    admitted: AdmittedRequest,
    who: RunRequester,
  ): Promise<Record<string, unknown>> {
    const { action, environment, target, requested, verified } = admitted;
    const { entity } = verified;
    const application = verified.application.spec;
    const unavailable = await this.deps.registry.unavailableReason(
      action,
      application,
      environment,
      this.deps.config.environments,
      entity,
    );
    if (unavailable)
      throw await admitted.refused(new InputError(refusalMessage(unavailable)));
    if (!action.prepare) return requested;
    return action
      .prepare({
        parameters: requested,
        entity,
        application,
        environment,
        environments: this.deps.config.environments,
        liveState: async name =>
          (
            await this.deps.status.forApplication(
              entity,
              undefined,
              application,
            )
          ).environments.find(e => e.name === name)!.live,
        // A schedule never overrides a safety check.
        mayForce: async () =>
          'credentials' in who &&
          (
            await this.deps.authorizer.allowed(
              slipwayActionForcePermission,
              [target],
              entity,
              who.credentials,
            )
          )[0],
      })
      .catch(async error => {
        throw await admitted.refused(error);
      });
  }

  /**
   * The application a run is requested for. Looked up as Slipway sees it (briefly cached): whoever may act on it may
   * see it; whoever may not is told only what the catalog would tell them.
   */
  private async entity(entityRef: string): Promise<Entity> {
    const ref = parseEntityRef(entityRef);
    if (ref.kind !== 'component')
      throw new InputError(
        `Actions run on applications (components), not on ${ref.kind} ${entityRef}`,
      );
    return this.deps.applications.getApplicationForAction({
      namespace: ref.namespace,
      name: ref.name,
    });
  }
}
