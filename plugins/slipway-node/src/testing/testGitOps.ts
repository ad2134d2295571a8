import { pathToFileURL } from 'node:url';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import {
  getSlipwayApplication,
  isSlipwayApplication,
  SLIPWAY_ANNOTATIONS,
} from '@slipway/backstage-plugin-slipway-common';
import { stringify } from 'yaml';
import { ConfigReader } from '@backstage/config';
import { SlipwayEnvironment } from '../config';
import { createGitOpsRepository } from '../gitops/createGitOpsRepository';
import { GitCli } from '../gitops/GitCli';
import { GitRepository } from '../gitops/GitRepository';
import { SlipwayGitOpsService } from '../gitops/gitopsServiceRef';
import { ManifestIndex } from '../gitops/ManifestIndex';
import { LocalGitRepository } from './localGitRepository';

/** The manifest an application entity (as `applicationEntity` makes them) was made of. */
function manifestOf(entity: Entity): string {
  const slipway = getSlipwayApplication(entity)!;
  const { metadata } = entity;
  return stringify({
    apiVersion: 'slipway.dev/v1alpha1',
    kind: 'Application',
    metadata: {
      name: metadata.name,
      ...(metadata.title ? { title: metadata.title } : {}),
      ...(metadata.labels ? { labels: metadata.labels } : {}),
    },
    spec: {
      type: slipway.type,
      owner: entity.spec!.owner,
      system: String(entity.spec!.system),
      ...(slipway.chart ? { chart: slipway.chart } : { image: slipway.image }),
      ...(slipway.type === 'etl'
        ? { schedule: slipway.schedule ?? '0 3 * * *' }
        : {}),
      environments: slipway.environments,
      ...(slipway.components.length ? { components: slipway.components } : {}),
    },
  });
}

/**
 * A GitOps repository for tests that declares the applications a test's catalog holds, as a real git repository: the
 * backend reads and indexes it as it would the platform's. `declare` commits a manifest per application entity and
 * returns the entities as the catalog module would have made them (their location names the manifest), so that
 * Slipway accepts them; an entity not declared here is an impostor to Slipway.
 *
 * @public
 */
export class TestGitOps extends LocalGitRepository {
  /** What `slipway.gitops.url` is set to. */
  get url(): string {
    return this.remote;
  }

  /** Where the catalog module says an entity made of the manifest at `path` comes from. */
  locationRef(path: string): string {
    return new GitRepository({
      url: pathToFileURL(this.remote).href,
      branch: this.branch,
      path: '',
      git: new GitCli(),
    }).locationRef(path);
  }

  /**
   * Commits a manifest for each application entity whose file the repository does not hold yet (a test may commit
   * its own first); returns all entities, the applications with the location the catalog module gives them.
   */
  declare(entities: Entity[]): Entity[] {
    const files: Record<string, string> = {};
    const result = entities.map(entity => {
      if (!isSlipwayApplication(entity)) return entity;
      const path = getSlipwayApplication(entity)!.manifestPath;
      if (!this.has(path)) files[path] = manifestOf(entity);
      return {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            [SLIPWAY_ANNOTATIONS.manifestPath]: path,
            [ANNOTATION_LOCATION]: this.locationRef(path),
          },
        },
      };
    });
    if (Object.keys(files).length) this.commit(files, 'declare applications');
    return result;
  }

  /** The backend's GitOps service on this repository, for tests that build Slipway's parts themselves. */
  service(environments: readonly SlipwayEnvironment[]): SlipwayGitOpsService {
    const repository = createGitOpsRepository(new ConfigReader({}), {
      url: this.url,
      branch: this.branch,
      path: '',
      changes: 'commit',
      refreshSeconds: 60,
    });
    return {
      repository,
      index: new ManifestIndex({ repository, environments, maxAgeMs: 60_000 }),
    };
  }
}
