import { ServiceUnavailableError } from '@backstage/errors';
import {
  ApplicationManifest,
  SlipwayApplicationSpec,
} from '@slipway/backstage-plugin-slipway-common';
import { SlipwayEnvironment } from '../config';
import { applicationSpecOf, manifestRef } from './applicationSpec';
import { GitOpsRepository, GitOpsSnapshot } from './types';

/**
 * An application as the GitOps repository declares it. This, not the catalog entity, is what Slipway acts on: the
 * manifest path a Promote writes, the databases a copy reads, the names templates render.
 *
 * @public
 */
export interface IndexedApplication {
  name: string;
  /** `component:default/<name>`: the entity the catalog module makes of it. */
  entityRef: string;
  path: string;
  /** The repository's revision this was read at (e.g. to read the manifest's history up to it). */
  revision: string;
  /** What that entity's `backstage.io/managed-by-location` says when the catalog module made it. */
  locationRef: string;
  /** Full refs: `group:default/payments`, `system:default/payments`. */
  owner: string;
  system: string;
  manifest: ApplicationManifest;
  spec: SlipwayApplicationSpec;
}

interface Indexed {
  snapshot: GitOpsSnapshot;
  readAt: number;
  applications: Map<string, IndexedApplication>;
  /** Database name → the applications that declare it, by name. */
  databases: Map<string, string[]>;
}

/**
 * The applications of the GitOps repository by name, read from the repository itself. One index serves the catalog
 * module (which makes entities of the snapshot it reads) and the Slipway backend (which checks every entity it acts
 * on against it), so both see the same revision.
 *
 * Reads are shared: callers during a read wait for that read. A lookup reads again when the last read is older than
 * `maxAgeMs`, or when it does not know the name (or is told its answer is out of date) and the last read is older
 * than `missIntervalMs`: an application created a moment ago is found, and a flood of unknown names costs one read
 * per interval.
 *
 * @public
 */
export class ManifestIndex {
  private indexed?: Indexed;
  private reading?: Promise<Indexed>;
  /** The read refresh() asked for while another was under way. */
  private following?: Promise<Indexed>;

  constructor(
    private readonly options: {
      repository: GitOpsRepository;
      environments: readonly SlipwayEnvironment[];
      maxAgeMs: number;
      missIntervalMs?: number;
    },
  ) {}

  /**
   * Reads the repository again and returns what it found. The read starts after this call: a read already under way
   * may have begun before a change the caller just made, so it is waited for and followed by another, which every
   * caller meanwhile shares.
   */
  async refresh(): Promise<GitOpsSnapshot> {
    return (await this.readAfterNow()).snapshot;
  }

  /**
   * The application declared under this name, if any. `again`: the caller's copy of the application (a catalog
   * entity) disagrees with what the index holds, so read the repository again unless that was done a moment ago.
   */
  async application(
    name: string,
    options: { again?: boolean } = {},
  ): Promise<IndexedApplication | undefined> {
    let indexed = await this.current();
    if (
      (options.again || !indexed.applications.has(name)) &&
      Date.now() - indexed.readAt > (this.options.missIntervalMs ?? 2000)
    )
      indexed = await this.read();
    return indexed.applications.get(name);
  }

  /** Every application of the repository, read again when the last read is older than `maxAgeMs`. */
  async applications(): Promise<IndexedApplication[]> {
    return [...(await this.current()).applications.values()];
  }

  /**
   * The applications (by name) that declare a database of this name, as of the last read: more than one makes the
   * database ambiguous, and no copy is made of it. Synchronous for the action's availability; the engine looks the
   * application up in this index (which reads it when due) just before it asks.
   */
  databaseClaimants(database: string): string[] {
    return this.indexed?.databases.get(database) ?? [];
  }

  private async current(): Promise<Indexed> {
    const indexed = this.indexed;
    if (indexed && Date.now() - indexed.readAt <= this.options.maxAgeMs)
      return indexed;
    try {
      return await this.read();
    } catch (error) {
      // The repository is out of reach: what it said last is still what it declares.
      if (indexed) return indexed;
      throw error;
    }
  }

  private readAfterNow(): Promise<Indexed> {
    if (!this.reading) return this.read();
    this.following ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.following = undefined;
        return this.read();
      });
    return this.following;
  }

  private read(): Promise<Indexed> {
    this.reading ??= this.readNow().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readNow(): Promise<Indexed> {
    const { repository, environments } = this.options;
    let snapshot: GitOpsSnapshot;
    try {
      snapshot = await repository.read({
        environments: environments.map(env => env.name),
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `Could not read the GitOps repository ${
          repository.description
        } (slipway.gitops.url): ${(error as Error).message ?? error}`,
      );
    }
    const applications = new Map<string, IndexedApplication>();
    const databases = new Map<string, string[]>();
    for (const parsed of snapshot.set.applications) {
      const { metadata, spec } = parsed.manifest;
      applications.set(metadata.name, {
        name: metadata.name,
        entityRef: `component:default/${metadata.name}`,
        path: parsed.path,
        revision: snapshot.revision,
        locationRef: repository.locationRef(parsed.path),
        owner: manifestRef(spec.owner, 'group'),
        system: manifestRef(spec.system, 'system'),
        manifest: parsed.manifest,
        spec: applicationSpecOf(parsed, environments),
      });
      for (const component of spec.components ?? []) {
        if (!component.database) continue;
        const claimants = databases.get(component.database) ?? [];
        if (!claimants.includes(metadata.name)) claimants.push(metadata.name);
        databases.set(component.database, claimants);
      }
    }
    const indexed = { snapshot, readAt: Date.now(), applications, databases };
    this.indexed = indexed;
    return indexed;
  }
}
