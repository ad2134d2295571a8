import { ArgoCdInstance } from '@slipway/backstage-plugin-slipway-node';
import { LiveState } from '@slipway/backstage-plugin-slipway-common';
import { networkReason } from '../actions/networkReason';

/** What a live state is compared against: the image (service, etl) or the chart (vendor) of the application. */
export interface ArtifactRef {
  image?: string;
  chart?: { name: string };
}

/** `v1alpha1.Info`: a name and value Argo CD keeps with an operation (`ApplicationSyncRequest.infos`). */
export interface ArgoInfo {
  name: string;
  value: string;
}

/** The parts of Argo CD's `v1alpha1.Operation` that Slipway reads. */
export interface ArgoOperation {
  sync?: { revision?: string; prune?: boolean };
  initiatedBy?: { username?: string; automated?: boolean };
  info?: ArgoInfo[];
}

/** The parts of Argo CD's `v1alpha1.ResourceResult` (an operation's `syncResult.resources[]`) that Slipway reads. */
export interface ArgoResourceResult {
  kind?: string;
  namespace?: string;
  name?: string;
  /** Synced, SyncFailed, Pruned, PruneSkipped. */
  status?: string;
  message?: string;
  hookPhase?: string;
}

/** The parts of Argo CD's `v1alpha1.OperationState` that Slipway reads. */
export interface ArgoOperationState {
  operation?: ArgoOperation;
  /** Running, Terminating, Failed, Error or Succeeded. */
  phase?: string;
  message?: string;
  syncResult?: { revision?: string; resources?: ArgoResourceResult[] };
  startedAt?: string;
  finishedAt?: string;
}

/** The parts of Argo CD's `v1alpha1.Application` (GET /api/v1/applications/{name}) that Slipway reads. */
export interface ArgoApplication {
  spec?: {
    source?: { chart?: string; targetRevision?: string };
    sources?: Array<{ chart?: string; targetRevision?: string }>;
  };
  /** An operation asked for that the controller has not yet taken up (it then moves to `status.operationState`). */
  operation?: ArgoOperation;
  status?: {
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    summary?: { images?: string[] };
    operationState?: ArgoOperationState;
    reconciledAt?: string;
    history?: Array<{ deployedAt?: string; revision?: string }>;
  };
}

/** `ApplicationSyncRequest` (POST /api/v1/applications/{name}/sync), the fields Slipway sends. */
export interface ArgoSyncRequest {
  prune: boolean;
  infos?: ArgoInfo[];
}

/** A call to Argo CD that gave no usable answer; the message says why in words and never holds the token. */
export class ArgoCdError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ArgoCdError';
  }
}

/**
 * A hard refresh makes Argo CD compare the application with Git again before it answers, which takes longer than a
 * read; the run's own time limit still bounds it.
 */
const HARD_REFRESH_TIMEOUT_MS = 60_000;

/**
 * Argo CD's REST API with a bearer token and a time limit per call: reads an application's live state (never throws:
 * every failure becomes an `unknown` state whose reason a developer can act on), reads and refreshes an application,
 * and asks for a sync. Errors are in words and never contain the token.
 */
export class ArgoCdClient {
  private readonly where: string;

  constructor(
    private readonly instance: ArgoCdInstance,
    private readonly timeoutMs: number,
  ) {
    this.where = `Argo CD (${instance.name})`;
  }

  /** The application's page in Argo CD's UI. */
  applicationUrl(name: string) {
    return `${this.baseUrl()}/applications/${encodeURIComponent(name)}`;
  }

  async liveState(name: string, artifact: ArtifactRef): Promise<LiveState> {
    let app: ArgoApplication;
    try {
      app = await this.getApplication(name);
    } catch (error) {
      return { state: 'unknown', reason: (error as Error).message };
    }
    const status = app.status ?? {};
    return {
      state: 'known',
      sync: status.sync?.status ?? 'Unknown',
      health: status.health?.status ?? 'Unknown',
      version: runningVersion(app, artifact),
      revision: status.sync?.revision ?? status.sync?.revisions?.[0],
      syncedAt:
        status.operationState?.finishedAt ??
        status.history?.[status.history.length - 1]?.deployedAt ??
        status.reconciledAt,
    };
  }

  /** The application as Argo CD has it; `refresh: 'hard'` first makes Argo CD compare it with Git again. */
  getApplication(
    name: string,
    options: { refresh?: 'hard'; signal?: AbortSignal } = {},
  ): Promise<ArgoApplication> {
    return this.call<ArgoApplication>(
      'GET',
      `/api/v1/applications/${encodeURIComponent(name)}${
        options.refresh ? `?refresh=${options.refresh}` : ''
      }`,
      {
        signal: options.signal,
        timeoutMs: options.refresh ? HARD_REFRESH_TIMEOUT_MS : this.timeoutMs,
        // Argo CD answers 403 both for a missing application and for one the token may not see.
        refused: status =>
          status === 403 || status === 404
            ? `${this.where} has no application "${name}" that this token may read (HTTP ${status})`
            : undefined,
      },
    );
  }

  /** Asks Argo CD to sync the application; it answers at once, and the operation then runs in Argo CD. */
  sync(
    name: string,
    request: ArgoSyncRequest,
    signal?: AbortSignal,
  ): Promise<ArgoApplication> {
    return this.call<ArgoApplication>(
      'POST',
      `/api/v1/applications/${encodeURIComponent(name)}/sync`,
      {
        body: request,
        signal,
        timeoutMs: this.timeoutMs,
        refused: (status, message) =>
          status === 403
            ? `${this.where} refused to sync "${name}" (HTTP 403${
                message ? `: ${message}` : ''
              }): the token of slipway.argocd.instances "${
                this.instance.name
              }" may read this application but not sync it; its role needs the RBAC permission "applications, sync"`
            : undefined,
      },
    );
  }

  private baseUrl() {
    return this.instance.url.replace(/\/+$/, '');
  }

  /**
   * One call: the answer's JSON, or an ArgoCdError saying why there is none. A run's own signal (cancelled, time
   * limit) is passed on as it is, so the engine sees its own reason rather than a network error.
   */
  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: {
      body?: unknown;
      signal?: AbortSignal;
      timeoutMs: number;
      /** The message for an error status this call explains itself (Argo CD's own message as the second argument). */
      refused?: (status: number, message?: string) => string | undefined;
    },
  ): Promise<T> {
    const { where } = this;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl()}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.instance.token}`,
          Accept: 'application/json',
          ...(options.body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: options.body ? JSON.stringify(options.body) : undefined,
        signal: options.signal
          ? AbortSignal.any([options.signal, timeout])
          : timeout,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const e = error as Error;
      if (timeout.aborted || e.name === 'TimeoutError')
        throw new ArgoCdError(
          `${where} did not answer within ${options.timeoutMs} ms`,
        );
      throw new ArgoCdError(`${where} is unreachable: ${networkReason(e)}`);
    }
    if (!response.ok) {
      const message = await errorMessage(response);
      const explained = options.refused?.(response.status, message);
      if (explained) throw new ArgoCdError(explained, response.status);
      if (response.status === 401)
        throw new ArgoCdError(
          `${where} refused the token (HTTP 401); check slipway.argocd.instances`,
          401,
        );
      throw new ArgoCdError(
        `${where} answered HTTP ${response.status}${
          message ? `: ${message}` : ''
        }`,
        response.status,
      );
    }
    try {
      return (await response.json()) as T;
    } catch {
      throw new ArgoCdError(`${where} answered something that is not JSON`);
    }
  }
}

/**
 * Argo CD's reason for an error answer (its JSON `message` or `error`, e.g. "another operation is already in
 * progress"), shortened. Other bodies (an HTML page of a proxy) are dropped: they explain nothing.
 */
async function errorMessage(response: Response): Promise<string | undefined> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    return typeof message === 'string' && message
      ? message.slice(0, 300)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The tag of the application's image among those running, or the chart version Argo CD deploys. */
function runningVersion(
  app: ArgoApplication,
  artifact: ArtifactRef,
): string | undefined {
  if (artifact.image) {
    const prefix = `${artifact.image}:`;
    const image = app.status?.summary?.images?.find(i => i.startsWith(prefix));
    return image ? image.slice(prefix.length).split('@')[0] : undefined;
  }
  if (artifact.chart) {
    const sources =
      app.spec?.sources ?? (app.spec?.source ? [app.spec.source] : []);
    return sources.find(s => s.chart === artifact.chart?.name)?.targetRevision;
  }
  return undefined;
}
