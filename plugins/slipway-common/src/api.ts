import type { PausedState, SlipwayDesiredEnvironment } from './catalog';
import type { ManifestProblem } from './manifest';
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
  /**
   * False when no Argo CD is configured for the environment: the live state is not asked for, which is a setup
   * choice, not a fault (shown as "Not connected", not as a warning).
   */
  connected?: boolean;
}

/** One environment of one application. @public */
export interface EnvironmentStatus extends Environment {
  /** What the manifest wants; null when it does not deploy to this environment. */
  desired: SlipwayDesiredEnvironment | null;
  live: LiveState;
  links: Link[];
  kubernetes?: { cluster: string; namespace: string };
  /**
   * Whether Pause stopped the application here, wherever the environment's Pause records it: in the manifest (the
   * GitOps executor, the same as `desired.paused`) or on the workload in the cluster (the Kubernetes executor).
   */
  paused?: PausedState;
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

/** The applications a person owns (theirs and their teams'), with their environments. @public */
export interface OwnedApplications {
  environments: Environment[];
  /** The first of them, by name. */
  applications: ApplicationEnvironments[];
  /** How many they own in all. */
  total: number;
}

/** An action as people read it: runs name their action by `name`. @public */
export interface ActionInfo {
  name: string;
  title: string;
  description: string;
}

/** Where a run is in its life. The last five are final. @public */
export type RunStatus =
  | 'awaiting-approval'
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'interrupted'
  | 'rejected'
  | 'expired';

/** Statuses a run never leaves. @public */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
  'rejected',
  'expired',
];

/** What a finished run produced. @public */
export interface RunResult {
  summary: string;
  links?: Link[];
  output?: Record<string, unknown>;
}

/** One run of an action on one application in one environment. @public */
export interface Run {
  id: string;
  action: string;
  entityRef: string;
  environment: string;
  parameters: Record<string, unknown>;
  requester: string;
  status: RunStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  result?: RunResult;
  error?: string;
  attempts: number;
  cancelRequested: boolean;
  /** For runs that need approval: until when they wait, and who decided what. */
  approval?: RunApproval;
  /** What the requester said of the run once it ended. */
  feedback?: RunFeedback;
}

/** The requester's rating of a run that ended: helpful or not, and why. @public */
export interface RunFeedback {
  helpful: boolean;
  comment?: string;
  at: string;
}

/** The approval of a run by a second person. @public */
export interface RunApproval {
  /** A run nobody decides on by then expires. */
  expiresAt?: string;
  decision?: 'approved' | 'rejected';
  decidedBy?: string;
  comment?: string;
  decidedAt?: string;
}

/** A line of a run's log. @public */
export interface RunLogLine {
  id: number;
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** Whether the viewer may run an action in an environment, and why not. @public */
export interface ActionAvailability {
  action: string;
  title: string;
  description: string;
  environment: string;
  allowed: boolean;
  /** Why the action cannot be run (not permitted, not set up here, nothing to do), in words its viewer can act on. */
  reason?: string;
  /**
   * The technical detail behind `reason`, for platform engineers: configuration keys, permission names, entity
   * references.
   */
  detail?: string;
  /** The viewer must type the application's name to confirm (production environments). */
  confirm: boolean;
  /** JSON Schema of the action's parameters, for the form. */
  parameters: Record<string, unknown>;
  /** Its executor here can show what a run would change without making one (`POST /previews`). */
  previewable?: boolean;
}

/** A copy of a production database, as anyone who may see the application sees it: nothing to connect with. @public */
export interface DatabaseCopyView {
  id: string;
  runId: string;
  entityRef: string;
  environment: string;
  sourceEnvironment: string;
  component: string;
  sourceDatabase: string;
  database: string;
  requester: string;
  status: 'creating' | 'ready' | 'dropping' | 'dropped' | 'failed';
  masked: boolean;
  createdAt: string;
  readyAt?: string;
  expiresAt: string;
  maxExpiresAt: string;
  droppedAt?: string;
  dropReason?: string;
  /** The viewer requested it (and may see its connection details). */
  mine: boolean;
  /** The viewer may extend or destroy it. */
  canManage: boolean;
}

/** How to connect to a copy: only ever returned to its requester. @public */
export interface DatabaseCopyConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  sslmode: string;
  /** `postgresql://user:password@host:port/database?sslmode=…` */
  url: string;
  expiresAt: string;
}

/** A request to run an action. @public */
export interface RunRequest {
  action: string;
  entityRef: string;
  environment: string;
  parameters?: Record<string, unknown>;
  /** One per user intent (e.g. per dialog): the same key again is the same run, so a double click is one run. */
  idempotencyKey: string;
}

/**
 * What a run would do, shown without making one (`POST /previews`): the parameters the run would record and its
 * executor's account, e.g. a promote's manifest diff in `output.diff`. @public
 */
export interface RunPreview extends RunResult {
  action: string;
  entityRef: string;
  environment: string;
  parameters: Record<string, unknown>;
}

/** The outcome of the catalog's last read of a GitOps repository, and the problems it found. @public */
export interface ManifestReport {
  provider: string;
  source: string;
  revision?: string;
  readAt: string;
  applications: number;
  systems: number;
  /** Why the repository could not be read at all (the catalog then keeps what it had). */
  error?: string;
  problems: ManifestProblem[];
}

/** A platform news item (Platform → News, the home page, a broadcast notification). @public */
export interface NewsItem {
  id: string;
  title: string;
  /** Markdown; the portal renders it without raw HTML. */
  body: string;
  /** A web address (`https://…`) or a path in the portal (`/docs/…`). */
  link?: string;
  /** The entity ref of the person who published it. */
  author: string;
  publishedAt: string;
}

/** What someone writes to publish a news item. @public */
export interface NewNewsItem {
  title: string;
  body: string;
  link?: string;
}

/** The latest news, and whether the reader may publish (`GET /news`). @public */
export interface NewsList {
  items: NewsItem[];
  canPublish: boolean;
}

/** A published item, and whether the portal could notify everyone of it (`POST /news`). @public */
export interface PublishedNews {
  item: NewsItem;
  /** False when the notifications service failed: the item is published, people were not told. */
  notified: boolean;
}

/** A note someone sent the platform team from the home page. @public */
export interface PlatformNote {
  id: string;
  /** The entity ref of who sent it. */
  author: string;
  text: string;
  createdAt: string;
}

/** How the requesters rated one action's runs. @public */
export interface ActionRatings {
  action: string;
  helpful: number;
  notHelpful: number;
}

/** A rated run's comment, for the platform team. @public */
export interface RatingComment {
  runId: string;
  action: string;
  entityRef: string;
  environment: string;
  requester: string;
  helpful: boolean;
  comment: string;
  at: string;
}

/** What developers told the platform team (`GET /feedback`): ratings by action, their comments, and notes. @public */
export interface PlatformFeedback {
  /** The period the figures cover, in days back from now. */
  days: number;
  ratings: ActionRatings[];
  /** Per week (the Monday it starts on, UTC) with any: runs rated helpful or not, and notes sent. */
  byWeek: Array<{
    week: string;
    helpful: number;
    notHelpful: number;
    notes: number;
  }>;
  comments: RatingComment[];
  notes: PlatformNote[];
}

/** Runs of one week (Monday, UTC), by action and outcome. @public */
export interface WeeklyRuns {
  /** The Monday the week starts on, `YYYY-MM-DD` (UTC). */
  week: string;
  action: string;
  status: RunStatus;
  count: number;
}

/**
 * How the self-service actions were used (`GET /insights/self-service`): over the last `weeks` weeks, of every
 * application (`scope: all`) or of the reader's teams' applications (`scope: teams`). @public
 */
export interface SelfServiceInsights {
  weeks: number;
  scope: 'all' | 'teams';
  /** Only weeks, actions and outcomes with runs. */
  runs: WeeklyRuns[];
  /** The applications restarted most, most first (at most 10): a reliability signal. */
  mostRestarted: Array<{ entityRef: string; restarts: number }>;
  /** How long runs waited for a decision on their approval, of those decided in the period. */
  approvalWait: { decided: number; p50Minutes?: number; p95Minutes?: number };
  /** Runs over the period per team (the owner its application's manifest declares now) and action, most first. */
  byTeam: Array<{ team: string; action: string; count: number }>;
  /**
   * Database copies per week: alive at its end (now, for this one), made (ready) in it, expired in it, and destroyed
   * in it before they expired.
   */
  databaseCopies: Array<{
    week: string;
    alive: number;
    made: number;
    expired: number;
    destroyedEarly: number;
  }>;
}

/**
 * How far Insights has read the GitOps repository's history, or why it has none to read. @public
 */
export interface GitOpsHistoryState {
  /** The last commit taken in, when it was, and how many commits were taken in. */
  indexed?: { revision: string; at: string; commits: number };
  /** Why there is no history to show, in words (a plain folder keeps none; nothing indexed yet). */
  unavailable?: string;
}

/**
 * How the platform is adopted (`GET /insights/adoption`), from the GitOps repository's history: per week (the Monday
 * it starts on, UTC) of the last `weeks`, counted at the end of the week (or now, for this one). @public
 */
export interface AdoptionInsights {
  weeks: number;
  scope: 'all' | 'teams';
  history: GitOpsHistoryState;
  /** Every week of the period: applications with a manifest, and manifests with problems. */
  byWeek: Array<{ week: string; applications: number; problems: number }>;
  /** Applications whose manifest first appeared in the period, per week, type and team. */
  newApplications: Array<{
    week: string;
    type: string;
    owner: string;
    count: number;
  }>;
}

/**
 * How many people acted in the portal per week, as the audit log counts them (`GET /api/audit-log/active-people`);
 * weeks with nobody are left out. @public
 */
export interface ActivePeople {
  weeks: number;
  byWeek: Array<{ week: string; people: number }>;
}

/** A version that reached production, and how long it took from the first environment. @public */
export interface Release {
  application: string;
  version: string;
  environment: string;
  deployedAt: string;
  /** From its first appearance in the first environment to this environment; absent when it never was there first. */
  leadTimeHours?: number;
}

/**
 * How changes flow through the environments (`GET /insights/delivery`), from the GitOps history of each
 * environment's version, over the last `weeks`. @public
 */
export interface DeliveryInsights {
  weeks: number;
  scope: 'all' | 'teams';
  history: GitOpsHistoryState;
  /** The environment lead times start from, and those that count as production. */
  firstEnvironment: string;
  productionEnvironments: string[];
  /** Changes of an environment's version per week (only weeks and environments with some). */
  deployments: Array<{ week: string; environment: string; count: number }>;
  /** Lead time of the releases to production in the period. */
  leadTime: { releases: number; p50Hours?: number; p95Hours?: number };
  /** The latest releases to production, newest first (at most 10). */
  recentReleases: Release[];
  /** Per week with production changes: how many, and how many were followed within a day by a restart or rollback. */
  changeFailures: Array<{ week: string; changes: number; failures: number }>;
}

/** An application's own delivery (`GET /insights/applications/:namespace/:name/delivery`), over the last 90 days. @public */
export interface ApplicationDelivery {
  history: GitOpsHistoryState;
  /** Each change of an environment's version, newest first. */
  deployments: Array<{
    environment: string;
    version: string;
    revision: string;
    author: string;
    deployedAt: string;
  }>;
  /** Its releases to production, newest first (at most 10). */
  releases: Release[];
  /** Its runs asked for, by action and outcome. */
  runs: Array<{ action: string; status: string; count: number }>;
}
