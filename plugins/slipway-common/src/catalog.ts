import type { Entity } from '@backstage/catalog-model';
import type { ApplicationType } from './manifest';

/** Annotations the Slipway catalog module writes on the entities it makes from manifests. @public */
export const SLIPWAY_ANNOTATIONS = {
  /** Path of the manifest in the GitOps repository (`apps/payments/checkout-api.yaml`). */
  manifestPath: 'slipway.dev/manifest-path',
  /** On a Resource: the application that declares it. */
  application: 'slipway.dev/application',
  /** On a postgres or mysql Resource: the database name. */
  database: 'slipway.dev/database',
} as const;

/**
 * An environment stopped by Slipway's Pause: since when, the replicas Resume restores (absent: the default), and when
 * the pause schedule resumes it (absent: when someone does). @public
 */
export interface PausedState {
  since: string;
  replicas?: number;
  until?: string;
}

/** Per environment, what the manifest wants. @public */
export interface SlipwayDesiredEnvironment {
  version: string;
  replicas?: number;
  suspended?: boolean;
  /** Paused by the GitOps executor of Pause, which writes it into the manifest. */
  paused?: PausedState;
}

/**
 * What the catalog keeps of an application's manifest, under `spec.slipway` of its Component entity: enough for the
 * portal to show environments, components and secret references. Plain `env` values and Helm values stay in Git.
 *
 * @public
 */
export interface SlipwayApplicationSpec {
  type: ApplicationType;
  manifestPath: string;
  image?: string;
  chart?: { repository: string; name: string };
  schedule?: string;
  /** Only the configured environments, by name. */
  environments: Record<string, SlipwayDesiredEnvironment>;
  components: Array<{
    name: string;
    type: string;
    database?: string;
    description?: string;
  }>;
  /** Secret references: where each secret lives, never its value. */
  secrets: Array<{ env: string; store: string; name: string; key?: string }>;
}

/** Reads `spec.slipway` of an entity made from a manifest (undefined for other entities). @public */
export function getSlipwayApplication(
  entity: Entity,
): SlipwayApplicationSpec | undefined {
  const value = (
    entity.spec as { slipway?: SlipwayApplicationSpec } | undefined
  )?.slipway;
  return value && typeof value === 'object' && value.environments
    ? value
    : undefined;
}

/** Is this entity an application made from a Slipway manifest? @public */
export function isSlipwayApplication(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'component' &&
    getSlipwayApplication(entity) !== undefined
  );
}
