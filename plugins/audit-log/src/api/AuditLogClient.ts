import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AuditChainVerification,
  AuditEvent,
  AuditEventFilters,
  AuditEventPage,
  AuditEventSuggestions,
  auditEventFiltersToSearchParams,
} from '@slipway/backstage-plugin-audit-log-common';
import { AuditLogApi, AuditLogExportFormat } from './AuditLogApi';

/**
 * The {@link AuditLogApi} over HTTP, authenticated by the app's fetch API.
 *
 * @public
 */
export class AuditLogClient implements AuditLogApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listEvents(request: {
    filters: AuditEventFilters;
    cursor?: string;
    limit?: number;
  }): Promise<AuditEventPage> {
    const params = auditEventFiltersToSearchParams(request.filters);
    if (request.cursor) params.set('cursor', request.cursor);
    if (request.limit) params.set('limit', String(request.limit));
    return this.#json(`/events?${params}`);
  }

  getEvent(seq: number): Promise<AuditEvent> {
    return this.#json(`/events/${encodeURIComponent(seq)}`);
  }

  async exportEvents(request: {
    filters: AuditEventFilters;
    format: AuditLogExportFormat;
  }): Promise<{ blob: Blob; fileName: string }> {
    const params = auditEventFiltersToSearchParams(request.filters);
    params.set('format', request.format);
    const response = await this.#fetch(`/export?${params}`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `audit-log.${request.format}`;
    return { blob: await response.blob(), fileName };
  }

  getSuggestions(request: {
    filters: AuditEventFilters;
  }): Promise<AuditEventSuggestions> {
    const params = auditEventFiltersToSearchParams(request.filters);
    return this.#json(`/suggestions?${params}`);
  }

  async getLatestVerification(): Promise<AuditChainVerification | undefined> {
    const { verification } = await this.#json<{
      verification: AuditChainVerification | null;
    }>('/verification');
    return verification ?? undefined;
  }

  verifyChain(): Promise<AuditChainVerification> {
    return this.#json('/verification', { method: 'POST' });
  }

  async #json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.#fetch(path, init);
    return response.json();
  }

  async #fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('audit-log');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
