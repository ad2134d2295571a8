import { createApiRef } from '@backstage/core-plugin-api';
import {
  ApplicationEnvironments,
  Environment,
  ManifestProblem,
  SystemEnvironments,
} from '@slipway/backstage-plugin-slipway-common';

/** The last read of a GitOps repository by the catalog, and the problems it found. @public */
export interface ManifestReport {
  provider: string;
  source: string;
  revision?: string;
  readAt: string;
  applications: number;
  systems: number;
  /** Why the repository could not be read at all. */
  error?: string;
  problems: ManifestProblem[];
}

/** Reference to an entity by namespace and name. @public */
export interface EntityName {
  namespace: string;
  name: string;
}

/** Slipway's backend API, as the frontend uses it. @public */
export interface SlipwayApi {
  getEnvironments(): Promise<Environment[]>;
  getApplicationEnvironments(
    application: EntityName,
  ): Promise<ApplicationEnvironments>;
  getSystemEnvironments(system: EntityName): Promise<SystemEnvironments>;
  getManifestReports(): Promise<ManifestReport[]>;
}

/** @public */
export const slipwayApiRef = createApiRef<SlipwayApi>({
  id: 'plugin.slipway.api',
});
