import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionAvailability,
  ActivePeople,
  AdoptionInsights,
  ApplicationDelivery,
  DeliveryInsights,
  ActionInfo,
  OwnedApplications,
  ApplicationEnvironments,
  Environment,
  ManifestReport,
  NewNewsItem,
  NewsList,
  PlatformFeedback,
  PlatformNote,
  PublishedNews,
  Run,
  SelfServiceInsights,
  RunLogLine,
  RunPreview,
  RunRequest,
  RunStatus,
  SystemEnvironments,
} from '@slipway/backstage-plugin-slipway-common';

export type { ManifestReport, RunPreview, RunRequest };

/** Reference to an entity by namespace and name. @public */
export interface EntityName {
  namespace: string;
  name: string;
}

/** Which runs to list: of an application, or of a person (`me`). @public */
export interface RunQuery {
  entityRef?: string;
  requester?: string;
  status?: RunStatus[];
  limit?: number;
  cursor?: string;
}

/** Slipway's backend API, as the frontend uses it. @public */
export interface SlipwayApi {
  getEnvironments(): Promise<Environment[]>;
  getApplicationEnvironments(
    application: EntityName,
  ): Promise<ApplicationEnvironments>;
  getSystemEnvironments(system: EntityName): Promise<SystemEnvironments>;
  /** The signed-in person's applications (theirs and their teams'), at most `limit` (default 20). */
  getMyApplications(limit?: number): Promise<OwnedApplications>;
  /** Every action this portal knows, with its title. */
  listActions(): Promise<ActionInfo[]>;
  getManifestReports(): Promise<ManifestReport[]>;
  getActions(application: EntityName): Promise<ActionAvailability[]>;
  createRun(request: RunRequest): Promise<Run>;
  /** What a run would do (e.g. a promote's diff), without making one. */
  previewRun(request: Omit<RunRequest, 'idempotencyKey'>): Promise<RunPreview>;
  getRun(id: string): Promise<Run>;
  getRunLog(
    id: string,
    after?: number,
  ): Promise<{ run: Run; lines: RunLogLine[] }>;
  listRuns(query: RunQuery): Promise<{ items: Run[]; nextCursor?: string }>;
  cancelRun(id: string): Promise<Run>;
  /** The requester's rating of a run that ended (helpful or not, and why); rating again replaces it. */
  rateRun(
    id: string,
    feedback: { helpful: boolean; comment?: string },
  ): Promise<Run>;
  /** Runs waiting for an approval the viewer may give. */
  listApprovals(): Promise<Run[]>;
  approveRun(id: string, comment?: string): Promise<Run>;
  rejectRun(id: string, comment: string): Promise<Run>;
  /** The latest platform news (default 10), and whether the viewer may publish. */
  listNews(limit?: number): Promise<NewsList>;
  /** Publishes a news item; everyone is notified unless the notifications service failed (`notified`). */
  publishNews(item: NewNewsItem): Promise<PublishedNews>;
  /** Sends the platform team a note (anyone signed in). */
  sendPlatformNote(text: string): Promise<PlatformNote>;
  /** What developers told the platform team over the last `days` days (platform team only: 403 otherwise). */
  getPlatformFeedback(days: number): Promise<PlatformFeedback>;
  /** How the self-service actions were used over the last `weeks` weeks (every application, or the viewer's teams'). */
  getSelfServiceInsights(weeks: number): Promise<SelfServiceInsights>;
  /** Adoption over the last `weeks` weeks, from the GitOps repository's history. */
  getAdoptionInsights(weeks: number): Promise<AdoptionInsights>;
  /** People who acted in the portal per week, from the audit log (its backend plugin answers). */
  getActivePeople(weeks: number): Promise<ActivePeople>;
  /** Deployments, lead time and change failures over the last `weeks` weeks, from the GitOps history. */
  getDeliveryInsights(weeks: number): Promise<DeliveryInsights>;
  /** One application's delivery over the last 90 days. */
  getApplicationDelivery(application: EntityName): Promise<ApplicationDelivery>;
}

/** @public */
export const slipwayApiRef = createApiRef<SlipwayApi>({
  id: 'plugin.slipway.api',
});
