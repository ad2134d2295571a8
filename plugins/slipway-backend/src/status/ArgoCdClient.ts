import { ArgoCdInstance } from '@slipway/backstage-plugin-slipway-node';
import { LiveState } from '@slipway/backstage-plugin-slipway-common';
import { networkReason } from '../actions/networkReason';

/** What a live state is compared against: the image (service, etl) or the chart (vendor) of the application. */
export interface ArtifactRef {
  image?: string;
  chart?: { name: string };
}

/** The parts of Argo CD's `v1alpha1.Application` (GET /api/v1/applications/{name}) that Slipway reads. */
interface ArgoApplication {
  spec?: {
    source?: { chart?: string; targetRevision?: string };
    sources?: Array<{ chart?: string; targetRevision?: string }>;
  };
  status?: {
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    summary?: { images?: string[] };
    operationState?: { finishedAt?: string; phase?: string };
    reconciledAt?: string;
    history?: Array<{ deployedAt?: string; revision?: string }>;
  };
}

/**
 * Reads an application's live state from Argo CD's REST API with a bearer token and a time limit. Never throws:
 * every failure becomes an `unknown` state whose reason a developer can act on, and the token never appears in it.
 */
export class ArgoCdClient {
  constructor(
    private readonly instance: ArgoCdInstance,
    private readonly timeoutMs: number,
  ) {}

  /** The application's page in Argo CD's UI. */
  applicationUrl(name: string) {
    return `${this.instance.url.replace(
      /\/+$/,
      '',
    )}/applications/${encodeURIComponent(name)}`;
  }

  async liveState(name: string, artifact: ArtifactRef): Promise<LiveState> {
    const url = `${this.instance.url.replace(
      /\/+$/,
      '',
    )}/api/v1/applications/${encodeURIComponent(name)}`;
    const where = `Argo CD (${this.instance.name})`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          Authorization: `Bearer ${this.instance.token}`,
          Accept: 'application/json',
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        return unknown(`${where} did not answer within ${this.timeoutMs} ms`);
      }
      return unknown(`${where} is unreachable: ${networkReason(e)}`);
    }
    if (response.status === 404 || response.status === 403) {
      // Argo CD answers 403 both for a missing application and for one the token may not see.
      await discard(response);
      return unknown(
        `${where} has no application "${name}" that this token may read (HTTP ${response.status})`,
      );
    }
    if (response.status === 401) {
      await discard(response);
      return unknown(
        `${where} refused the token (HTTP 401); check slipway.argocd.instances`,
      );
    }
    if (!response.ok) {
      await discard(response);
      return unknown(`${where} answered HTTP ${response.status}`);
    }
    let app: ArgoApplication;
    try {
      app = (await response.json()) as ArgoApplication;
    } catch {
      return unknown(`${where} answered something that is not JSON`);
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
}

function unknown(reason: string): LiveState {
  return { state: 'unknown', reason };
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

/** Reads and drops an error response's body, so that its connection is released. */
async function discard(response: Response) {
  await response.arrayBuffer().catch(() => undefined);
}
