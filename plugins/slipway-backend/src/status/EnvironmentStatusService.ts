import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ApplicationEnvironments,
  Environment,
  EnvironmentStatus,
  getSlipwayApplication,
  LiveState,
  PausedState,
  SLIPWAY_ANNOTATIONS,
  SlipwayApplicationSpec,
} from '@slipway/backstage-plugin-slipway-common';
import {
  SlipwayConfig,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import {
  manifestPausedStates,
  PausedStateSource,
} from '../actions/pause/pauseActions';
import { entityTemplateContext } from '../catalog/templateContext';
import { RecentAnswers } from '../RecentAnswers';
import pLimit from 'p-limit';
import { ArgoCdClient, ArtifactRef } from './ArgoCdClient';

/**
 * Each application's environments: the version the manifest wants (from the catalog), the live state Argo CD
 * reports, and links rendered from the environment's templates. Calls to Argo CD are cached briefly and bounded in
 * number, so a page full of applications cannot flood Argo CD, and a slow Argo CD costs at most its time budget.
 */
export class EnvironmentStatusService {
  private readonly clients = new Map<string, ArgoCdClient>();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly liveStates: RecentAnswers<LiveState>;

  constructor(
    private readonly config: SlipwayConfig,
    /** Where Pause records whether an application is paused (default: the manifest's `paused`). */
    private readonly pausedStates: PausedStateSource = manifestPausedStates,
  ) {
    for (const instance of config.argocd.instances) {
      this.clients.set(
        instance.name,
        new ArgoCdClient(instance, config.argocd.timeoutMs),
      );
    }
    this.limit = pLimit(config.argocd.concurrency);
    this.liveStates = new RecentAnswers({
      freshMs: config.argocd.cacheSeconds * 1000,
    });
  }

  environments(): Environment[] {
    return this.config.environments.map(
      ({ name, title, production, order }) => ({
        name,
        title,
        production,
        order,
      }),
    );
  }

  /**
   * Status of every environment of an application entity (one made from a manifest). `declared`: what the GitOps
   * repository's index holds for it, which is ahead of the entity for a while after a change (a Promote's commit is
   * in the index at once; the catalog processes the entity some seconds later).
   */
  async forApplication(
    entity: Entity,
    manifestUrl?: string,
    declared?: SlipwayApplicationSpec,
  ): Promise<ApplicationEnvironments> {
    const app = declared ?? getSlipwayApplication(entity)!;
    const context = (env: SlipwayEnvironment) =>
      entityTemplateContext(entity, app.type, env);

    const environments = await Promise.all(
      this.config.environments.map(async (env): Promise<EnvironmentStatus> => {
        const ctx = context(env);
        const desired = app.environments[env.name] ?? null;
        const argoName = env.argocd?.application.render(ctx);
        const client = env.argocd
          ? this.clients.get(env.argocd.instance)
          : undefined;
        const links = env.links.map(link => ({
          title: link.title,
          url: link.url.render(ctx, encodeURIComponent),
        }));
        if (client && argoName)
          links.push({
            title: 'Argo CD',
            url: client.applicationUrl(argoName),
          });
        const [live, paused] = desired
          ? await Promise.all([
              this.liveState(env, client, argoName, artifactOf(app)),
              this.pausedIn(entity, app, env),
            ])
          : [{ state: 'not-deployed' } as LiveState, undefined];
        return {
          name: env.name,
          title: env.title,
          production: env.production,
          order: env.order,
          desired,
          live,
          links: desired ? links : [],
          ...(env.kubernetes && ctx.env.namespace
            ? {
                kubernetes: {
                  cluster: env.kubernetes.cluster,
                  namespace: ctx.env.namespace,
                },
              }
            : {}),
          ...(paused ? { paused } : {}),
        };
      }),
    );

    return {
      application: {
        entityRef: stringifyEntityRef(entity),
        name: entity.metadata.name,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        type: app.type,
        ...(entity.spec?.owner ? { owner: String(entity.spec.owner) } : {}),
        ...(entity.spec?.system ? { system: String(entity.spec.system) } : {}),
        manifestPath:
          entity.metadata.annotations?.[SLIPWAY_ANNOTATIONS.manifestPath] ??
          app.manifestPath,
        ...(manifestUrl ? { manifestUrl } : {}),
      },
      environments,
    };
  }

  /**
   * Argo CD's view of an application in one environment, cached like the Platform tab's (the actions' availability
   * asks for it, so a page of buttons costs no extra call to Argo CD).
   */
  liveStateIn(
    entity: Entity,
    app: SlipwayApplicationSpec,
    env: SlipwayEnvironment,
  ): Promise<LiveState> {
    if (!app.environments[env.name])
      return Promise.resolve({ state: 'not-deployed' });
    const argoCd = this.argoCdOf(entity, app, env);
    return this.liveState(
      env,
      argoCd?.client,
      argoCd?.application,
      artifactOf(app),
    );
  }

  /** The Argo CD client and application name of an application in an environment; undefined where none is set up. */
  argoCdOf(
    entity: Entity,
    app: SlipwayApplicationSpec,
    env: SlipwayEnvironment,
  ): { client: ArgoCdClient; application: string } | undefined {
    const client = env.argocd
      ? this.clients.get(env.argocd.instance)
      : undefined;
    if (!client || !env.argocd) return undefined;
    return {
      client,
      application: env.argocd.application.render(
        entityTemplateContext(entity, app.type, env),
      ),
    };
  }

  /**
   * Whether the application is paused in an environment. When the cluster cannot be read, the tab shows it as
   * running; the Pause and Resume buttons then say why they are not offered.
   */
  private async pausedIn(
    entity: Entity,
    app: SlipwayApplicationSpec,
    env: SlipwayEnvironment,
  ): Promise<PausedState | undefined> {
    try {
      return await this.pausedStates.of({
        application: app,
        environment: env,
        templateContext: () => entityTemplateContext(entity, app.type, env),
      });
    } catch {
      return undefined;
    }
  }

  /** The client of a configured Argo CD instance (`slipway.argocd.instances[].name`). */
  argoCdClient(instance: string): ArgoCdClient | undefined {
    return this.clients.get(instance);
  }

  /** Drops the cached live state of an Argo CD application, so that the next look shows what a run changed. */
  forget(env: SlipwayEnvironment, argoName: string) {
    const prefix = `${env.argocd?.instance}/${argoName}/`;
    this.liveStates.forget(key => key.startsWith(prefix));
  }

  private liveState(
    env: SlipwayEnvironment,
    client: ArgoCdClient | undefined,
    argoName: string | undefined,
    artifact: ArtifactRef,
  ): Promise<LiveState> {
    if (!env.argocd || !client || !argoName) {
      return Promise.resolve({
        state: 'unknown',
        connected: false,
        reason: `No Argo CD is configured for ${env.title} (slipway.environments[${env.order}].argocd)`,
      });
    }
    const key = `${env.argocd.instance}/${argoName}/${
      artifact.image ?? artifact.chart?.name
    }`;
    return this.liveStates.get(key, () =>
      this.limit(() => client.liveState(argoName, artifact)),
    );
  }
}

function artifactOf(app: SlipwayApplicationSpec): ArtifactRef {
  return app.chart ? { chart: { name: app.chart.name } } : { image: app.image };
}
