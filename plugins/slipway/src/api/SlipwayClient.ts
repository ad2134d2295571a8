import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionAvailability,
  ApplicationEnvironments,
  Environment,
  Run,
  RunLogLine,
  SystemEnvironments,
} from '@slipway/backstage-plugin-slipway-common';
import {
  EntityName,
  ManifestReport,
  RunQuery,
  RunRequest,
  SlipwayApi,
} from './SlipwayApi';

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

  async getActions(application: EntityName): Promise<ActionAvailability[]> {
    return (
      await this.get<{ actions: ActionAvailability[] }>(
        'slipway',
        `/applications/${path(application)}/actions`,
      )
    ).actions;
  }

  createRun(request: RunRequest): Promise<Run> {
    return this.send('POST', '/runs', request);
  }

  getRun(id: string): Promise<Run> {
    return this.get('slipway', `/runs/${encodeURIComponent(id)}`);
  }

  getRunLog(id: string, after = 0): Promise<{ run: Run; lines: RunLogLine[] }> {
    return this.get(
      'slipway',
      `/runs/${encodeURIComponent(id)}/log?after=${after}`,
    );
  }

  listRuns(query: RunQuery): Promise<{ items: Run[]; nextCursor?: string }> {
    const params = new URLSearchParams();
    if (query.entityRef) params.set('entityRef', query.entityRef);
    if (query.requester) params.set('requester', query.requester);
    if (query.status?.length) params.set('status', query.status.join(','));
    if (query.limit) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    return this.get('slipway', `/runs?${params}`);
  }

  cancelRun(id: string): Promise<Run> {
    return this.send('POST', `/runs/${encodeURIComponent(id)}/cancel`);
  }

  async listApprovals(): Promise<Run[]> {
    return (await this.get<{ items: Run[] }>('slipway', '/approvals')).items;
  }

  approveRun(id: string, comment?: string): Promise<Run> {
    return this.send(
      'POST',
      `/runs/${encodeURIComponent(id)}/approve`,
      comment ? { comment } : {},
    );
  }

  rejectRun(id: string, comment: string): Promise<Run> {
    return this.send('POST', `/runs/${encodeURIComponent(id)}/reject`, {
      comment,
    });
  }

  private async get<T>(pluginId: string, route: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl(pluginId);
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${route}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async send<T>(
    method: 'POST',
    route: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('slipway');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${route}`, {
      method,
      headers:
        body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

function path({ namespace, name }: EntityName) {
  return `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
