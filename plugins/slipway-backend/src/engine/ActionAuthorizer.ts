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
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  parseSlipwayActionRef,
  slipwayPermissions,
  SlipwayActionTarget,
  stringifySlipwayActionRef,
} from '@slipway/backstage-plugin-slipway-common';
import {
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

/**
 * Asks the permission framework whether someone may run an action, and says why not in words. Registers the
 * `slipway-action` resource type, so that a policy's conditional decisions (owner, environment, action) are
 * evaluated here, against the application as the catalog describes it.
 */
export class ActionAuthorizer {
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
  }

  /** One decision per target, in order, from one call to the permission framework. */
  async allowed(
    permission: ResourcePermission<'slipway-action'>,
    targets: SlipwayActionTarget[],
    credentials: BackstageCredentials,
  ): Promise<boolean[]> {
    if (!targets.length) return [];
    const decisions = await this.deps.permissions.authorize(
      targets.map(target => ({
        permission,
        resourceRef: stringifySlipwayActionRef(target),
      })),
      { credentials },
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  /** Why someone may not: the facts a policy decides on (owners, the person's groups, production). */
  async explainDenial(
    permission: ResourcePermission<'slipway-action'>,
    target: SlipwayActionTarget,
    entity: Entity,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<string> {
    const environment = this.deps.config.environments.find(
      e => e.name === target.environment,
    );
    const owners = ownerRefsOf(entity);
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      credentials,
    );
    const mine = ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US'));
    const user = credentials.principal.userEntityRef;
    const where = environment?.title ?? target.environment;
    const parts = [
      `The permission policy does not let ${user} ${
        target.action
      } ${stringifyEntityRef(entity)} in ${where} (permission ${
        permission.name
      }).`,
    ];

    if (!owners.some(o => mine.includes(o))) {
      parts.push(
        `It is owned by ${
          owners.join(', ') || 'nobody'
        }; you act for ${mine.join(', ')}.`,
      );
    } else if (environment?.production) {
      parts.push(
        `${environment.title} is a production environment, where the policy restricts who may act.`,
      );
    }
    return parts.join(' ');
  }

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
      const environment =
        target &&
        this.deps.config.environments.find(e => e.name === target.environment);
      if (!target || !entity || !environment) return undefined;
      return {
        entityRef: target.entityRef,
        ownerRefs: ownerRefsOf(entity),
        action: target.action,
        environment: environment.name,
        production: environment.production,
      };
    });
  }
}
