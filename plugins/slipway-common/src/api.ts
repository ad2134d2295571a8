/*
 * Types of Slipway's REST API (plugins/slipway-backend/src/schema/openapi.yaml), shared by the backend and the
 * frontend client.
 */

/** A configured environment, in promotion order. @public */
export interface Environment {
  name: string;
  title: string;
  production: boolean;
  /** Position in the promotion order (0 = first). */
  order: number;
}

/** @public */
export interface Link {
  title: string;
  url: string;
}

/**
 * What Argo CD reports for an application in one environment. `unknown` carries the reason (not configured,
 * unreachable, too slow, refused, no such application); `not-deployed` means the manifest does not deploy there.
 *
 * @public
 */
export interface LiveState {
  state: 'known' | 'unknown' | 'not-deployed';
  /** Synced, OutOfSync or Unknown. */
  sync?: string;
  /** Healthy, Progressing, Degraded, Suspended, Missing or Unknown. */
  health?: string;
  /** The image tag or chart version running. */
  version?: string;
  /** The Git revision Argo CD synced. */
  revision?: string;
  syncedAt?: string;
  reason?: string;
}

/** One environment of one application. @public */
export interface EnvironmentStatus extends Environment {
  /** What the manifest wants; null when it does not deploy to this environment. */
  desired: { version: string; replicas?: number; suspended?: boolean } | null;
  live: LiveState;
  links: Link[];
  kubernetes?: { cluster: string; namespace: string };
}

/** @public */
export interface ApplicationSummary {
  entityRef: string;
  name: string;
  title?: string;
  type: 'service' | 'vendor' | 'etl';
  owner?: string;
  system?: string;
  manifestPath?: string;
  manifestUrl?: string;
}

/** @public */
export interface ApplicationEnvironments {
  application: ApplicationSummary;
  environments: EnvironmentStatus[];
}

/** @public */
export interface SystemEnvironments {
  system: string;
  environments: Environment[];
  applications: ApplicationEnvironments[];
}
