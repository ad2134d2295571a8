import {
  ActivePeople,
  AdoptionInsights,
  ApplicationDelivery,
  DeliveryInsights,
  ActionAvailability,
  ActionInfo,
  NewNewsItem,
  NewsList,
  OwnedApplications,
  PlatformFeedback,
  PlatformNote,
  PublishedNews,
  SelfServiceInsights,
  ApplicationEnvironments,
  Environment,
  Run,
  RunLogLine,
  SystemEnvironments,
} from '@slipway/backstage-plugin-slipway-common';
import {
  EntityName,
  ManifestReport,
  RunPreview,
  RunQuery,
  RunRequest,
  SlipwayApi,
} from './SlipwayApi';
import { BackendDeps, entityPath, requestJson } from './requestJson';

/** Talks to the Slipway backend (and to the catalog for the manifest report). @public */
export class SlipwayClient implements SlipwayApi {
  constructor(private readonly deps: BackendDeps) {}

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
      `/applications/${entityPath(application)}/environments`,
    );
  }

  getSystemEnvironments(system: EntityName): Promise<SystemEnvironments> {
    return this.get('slipway', `/systems/${entityPath(system)}/environments`);
  }

  getMyApplications(limit = 20): Promise<OwnedApplications> {
    return this.get('slipway', `/applications?owner=me&limit=${limit}`);
  }

  async listActions(): Promise<ActionInfo[]> {
    return (await this.get<{ actions: ActionInfo[] }>('slipway', '/actions'))
      .actions;
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
        `/applications/${entityPath(application)}/actions`,
      )
    ).actions;
  }

  createRun(request: RunRequest): Promise<Run> {
    return this.send('POST', '/runs', request);
  }

  previewRun(request: Omit<RunRequest, 'idempotencyKey'>): Promise<RunPreview> {
    return this.send('POST', '/previews', request);
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

  rateRun(
    id: string,
    feedback: { helpful: boolean; comment?: string },
  ): Promise<Run> {
    return this.send(
      'PUT',
      `/runs/${encodeURIComponent(id)}/feedback`,
      feedback,
    );
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

  listNews(limit = 10): Promise<NewsList> {
    return this.get('slipway', `/news?limit=${limit}`);
  }

  publishNews(item: NewNewsItem): Promise<PublishedNews> {
    return this.send('POST', '/news', item);
  }

  sendPlatformNote(text: string): Promise<PlatformNote> {
    return this.send('POST', '/notes', { text });
  }

  getPlatformFeedback(days: number): Promise<PlatformFeedback> {
    return this.get('slipway', `/feedback?days=${days}`);
  }

  getSelfServiceInsights(weeks: number): Promise<SelfServiceInsights> {
    return this.get('slipway', `/insights/self-service?weeks=${weeks}`);
  }

  getAdoptionInsights(weeks: number): Promise<AdoptionInsights> {
    return this.get('slipway', `/insights/adoption?weeks=${weeks}`);
  }

  getActivePeople(weeks: number): Promise<ActivePeople> {
    return this.get('audit-log', `/active-people?weeks=${weeks}`);
  }

  getDeliveryInsights(weeks: number): Promise<DeliveryInsights> {
    return this.get('slipway', `/insights/delivery?weeks=${weeks}`);
  }

  getApplicationDelivery(
    application: EntityName,
  ): Promise<ApplicationDelivery> {
    return this.get(
      'slipway',
      `/insights/applications/${entityPath(application)}/delivery`,
    );
  }

  private get<T>(pluginId: string, route: string): Promise<T> {
    return requestJson<T>(this.deps, route, { pluginId });
  }

  private send<T>(
    method: 'POST' | 'PUT',
    route: string,
    body?: unknown,
  ): Promise<T> {
    return requestJson<T>(this.deps, route, { method, body });
  }
}
