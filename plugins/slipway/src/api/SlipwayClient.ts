import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApplicationEnvironments,
  Environment,
  SystemEnvironments,
} from '@slipway/backstage-plugin-slipway-common';
import { EntityName, ManifestReport, SlipwayApi } from './SlipwayApi';

/** Talks to the Slipway backend (and to the catalog for the manifest report). @public */
export class SlipwayClient implements SlipwayApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getEnvironments(): Promise<Environment[]> {
    return (
      await this.get<{ environments: Environment[] }>(
        'slipway',
        '/environments',
      )
    ).environments;
  }

  getApplicationEnvironments(
    application: EntityName,
  ): Promise<ApplicationEnvironments> {
    return this.get(
      'slipway',
      `/applications/${path(application)}/environments`,
    );
  }

  getSystemEnvironments(system: EntityName): Promise<SystemEnvironments> {
    return this.get('slipway', `/systems/${path(system)}/environments`);
  }

  async getManifestReports(): Promise<ManifestReport[]> {
    return (
      await this.get<{ reports: ManifestReport[] }>(
        'catalog',
        '/slipway/manifest-report',
      )
    ).reports;
  }

  private async get<T>(pluginId: string, route: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl(pluginId);
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${route}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

function path({ namespace, name }: EntityName) {
  return `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
