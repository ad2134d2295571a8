import { RecentAnswers } from '../RecentAnswers';
import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  parseSlipwayActionRef,
  slipwayPermissions,
  SlipwayActionTarget,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionRefusal,
  SlipwayActionResource,
  slipwayActionResourceRef,
  slipwayActionRules,
  SlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';

/** The owners of an entity (its ownedBy relations, and spec.owner), as full refs in lower case. */
export function ownerRefsOf(entity: Entity): string[] {
  const refs = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (typeof entity.spec?.owner === 'string') {
    refs.push(
      stringifyEntityRef(
        parseEntityRef(entity.spec.owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  }
  return [...new Set(refs.map(r => r.toLocaleLowerCase('en-US')))];
}

/** What people call an entity: a group's display name, an entity's title, else its name. */
export function titleOf(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: string } | undefined;
  return profile?.displayName ?? entity.metadata.title ?? entity.metadata.name;
}

/** How long a person's policy decision is reused as it is (a policy change or revocation applies after this)… */
const DECISION_FRESH_MS = 5000;
/** …and at most, while the next decision is being asked for (under load that takes seconds). */
const DECISION_STALE_MS = 30_000;

type ConditionAuthorizer = (
  decision: PolicyDecision,
  resource: SlipwayActionResource | undefined,
) => boolean;

/**
 * Asks the permission framework whether someone may run an action, and says why not in words. Registers the
 * `slipway-action` resource type, so that a policy's conditional decisions (owner, environment, action) can be
 * evaluated for other callers too; Slipway itself evaluates them here, against the application it already has, which
 * saves a round trip through the permission backend per request.
 */
export class ActionAuthorizer {
  private conditions?: ConditionAuthorizer;
  /** Decisions reused per person and permission (RecentAnswers: fresh 5 s, kept while a refresh is slow). */
  private readonly decisions = new RecentAnswers<PolicyDecision>({
    freshMs: DECISION_FRESH_MS,
    staleMs: DECISION_STALE_MS,
  });

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      userInfo: UserInfoService;
      catalog: CatalogService;
      auth: AuthService;
      config: SlipwayConfig;
    },
  ) {}

  register(registry: PermissionsRegistryService) {
    registry.addResourceType({
      resourceRef: slipwayActionResourceRef,
      permissions: slipwayPermissions,
      rules: Object.values(slipwayActionRules),
      getResources: refs => this.resources(refs),
    });
    this.conditions = createConditionAuthorizer(
      registry.getPermissionRuleset(slipwayActionResourceRef),
    );
  }

  /**
   * The policy's decision for a permission: one call, which can run while the application is fetched. A person's
   * decision is reused for a few seconds (a burst of clicks asks the policy once); a conditional decision is still
   * evaluated against the application every time.
   */
  async decide(
    permission: ResourcePermission<'slipway-action'>,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    const key = `${principal.type}:${
      principal.userEntityRef ?? principal.subject
    }:${permission.name}`;
    return this.decisions.get(key, () =>
      this.deps.permissions
        .authorizeConditional([{ permission }], { credentials })
        .then(([answer]) => answer),
    );
  }

  /** Does a decision allow this action on this application in this environment? */
  allows(
    decision: PolicyDecision,
    target: SlipwayActionTarget,
    entity: Entity,
  ): boolean {
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    if (!this.conditions)
      throw new Error('ActionAuthorizer.register was not called');
    return this.conditions(decision, this.resourceOf(target, entity));
  }

  /**
   * One decision per target, in order. Pass the application when you have it; without it, it is fetched from the
   * catalog (all targets must then be of one application).
   */
  async allowed(
    permission: ResourcePermission<'slipway-action'>,
    targets: SlipwayActionTarget[],
    ...rest: [Entity, BackstageCredentials] | [BackstageCredentials]
  ): Promise<boolean[]> {
    if (!targets.length) return [];
    const credentials = rest.length === 2 ? rest[1] : rest[0];
    const [decision, entity] = await Promise.all([
      this.decide(permission, credentials),
      rest.length === 2 ? rest[0] : this.entity(targets[0].entityRef),
    ]);
    return targets.map(target =>
      entity ? this.allows(decision, target, entity) : false,
    );
  }

  private async entity(entityRef: string): Promise<Entity | undefined> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    return this.deps.catalog.getEntityByRef(entityRef, { credentials });
  }

  /**
   * Why someone may not, as a refusal: in the reason, the facts a policy decides on in the viewer's terms (the
   * application and the teams by their titles); in the detail, the permission and the entity references.
   */
  async explainDenial(
    permission: ResourcePermission<'slipway-action'>,
    target: SlipwayActionTarget & { title?: string },
    entity: Entity,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<ActionRefusal> {
    const environment = this.deps.config.environments.find(
      e => e.name === target.environment,
    );
    const owners = ownerRefsOf(entity);
    const [{ ownershipEntityRefs }, ownerTitles] = await Promise.all([
      this.deps.userInfo.getUserInfo(credentials),
      this.titles(owners),
    ]);
    const mine = ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US'));
    const user = credentials.principal.userEntityRef;
    const where = environment?.title ?? target.environment;
    const what = `${titleOf(entity)} in ${where}`;
    const detail = [
      `The permission policy does not let ${user} ${
        target.action
      } ${stringifyEntityRef(entity)} in ${where} (permission ${
        permission.name
      }).`,
    ];
    let why: string;
    if (!owners.some(o => mine.includes(o))) {
      why = owners.length
        ? `it belongs to ${ownerTitles.join(
            ' and ',
          )}, and you are not part of ${owners.length > 1 ? 'them' : 'it'}`
        : 'it has no owner, so nobody may act on it but the platform team';
      detail.push(
        `It is owned by ${
          owners.join(', ') || 'nobody'
        }; you act for ${mine.join(', ')}.`,
      );
    } else if (environment?.production) {
      why = `${where} is a production environment, where the platform's policy limits who may act. Ask your team's lead or the platform team`;
    } else {
      why = "the platform's policy does not allow it";
    }
    return {
      reason: `You may not run ${
        target.title ?? target.action
      } on ${what}: ${why}.`,
      detail: detail.join(' '),
    };
  }

  /**
   * The titles of entities (a person's or a group's display name), by ref, for messages people read; a ref the
   * catalog does not know stands as its name.
   */
  async titles(refs: string[]): Promise<string[]> {
    if (!refs.length) return [];
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    return refs.map((ref, i) =>
      items[i] ? titleOf(items[i]!) : parseEntityRef(ref).name,
    );
  }

  private resourceOf(
    target: SlipwayActionTarget,
    entity: Entity,
  ): SlipwayActionResource | undefined {
    const environment = this.deps.config.environments.find(
      e => e.name === target.environment,
    );
    if (!environment) return undefined;
    return {
      entityRef: target.entityRef,
      ownerRefs: ownerRefsOf(entity),
      action: target.action,
      environment: environment.name,
      production: environment.production,
    };
  }

  /** Loads resources for conditional decisions another caller asked the permission backend about. */
  private async resources(
    refs: string[],
  ): Promise<Array<SlipwayActionResource | undefined>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const targets = refs.map(parseSlipwayActionRef);
    const entityRefs = [
      ...new Set(targets.filter(Boolean).map(t => t!.entityRef)),
    ];
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials },
    );
    const byRef = new Map(items.map((entity, i) => [entityRefs[i], entity]));
    return targets.map(target => {
      const entity = target && byRef.get(target.entityRef);
      return target && entity ? this.resourceOf(target, entity) : undefined;
    });
  }
}
