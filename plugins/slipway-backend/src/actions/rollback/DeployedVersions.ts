import {
  ActionRefusal,
  getManifestValue,
  GitOpsFileRevision,
  GitOpsRepository,
  ManifestIndex,
} from '@slipway/backstage-plugin-slipway-node';
import { versionField } from '../ManifestWriter';

/** A version an environment ran, from the commit that set it. */
export interface Deployment {
  version: string;
  /** The commit that set this version (the oldest of the commits since which the environment declared it). */
  revision: string;
  /** When that commit landed. */
  deployedAt: string;
  subject: string;
  author: string;
}

/** What an environment of an application ran: now, and the distinct versions before, most recent first. */
export type VersionHistory =
  | { current?: Deployment; earlier: Deployment[] }
  | { unavailable: ActionRefusal };

/** Commits of one manifest read to find earlier versions: enough for dozens of versions per environment. */
const COMMITS = 200;
/** Histories kept (one per manifest and revision read); the oldest is dropped first. */
const CACHED = 500;

/**
 * The versions each environment of an application declared over time, from its manifest's Git history. The history
 * is read at the revision the manifest index holds, and kept per revision: the Platform tab asks for every
 * environment on every view, and the answer only changes when the repository does.
 */
export class DeployedVersions {
  private readonly histories = new Map<string, Promise<GitOpsFileRevision[]>>();

  constructor(
    private readonly deps: {
      repository: GitOpsRepository;
      index: ManifestIndex;
    },
  ) {}

  async of(application: string, environment: string): Promise<VersionHistory> {
    const { repository, index } = this.deps;
    if (!repository.history)
      return {
        unavailable: {
          reason:
            'Rollback needs the history of the GitOps repository, and this portal reads its manifests from a plain folder.',
          detail: `${repository.description} (slipway.gitops.url) is not a git repository, so it has no history of earlier versions.`,
        },
      };
    const indexed = await index.application(application);
    if (!indexed)
      return {
        unavailable: {
          reason: `No manifest of the GitOps repository declares ${application}.`,
        },
      };
    const revisions = await this.history(indexed.path, indexed.revision);
    return deploymentsOf(revisions, environment);
  }

  private history(path: string, revision: string) {
    const key = `${revision}\0${path}`;
    let history = this.histories.get(key);
    if (!history) {
      history = this.deps.repository.history!(path, {
        revision,
        limit: COMMITS,
      });
      // A failed read is not kept: the next view asks again.
      history.catch(() => this.histories.delete(key));
      if (this.histories.size >= CACHED)
        this.histories.delete(this.histories.keys().next().value!);
      this.histories.set(key, history);
    }
    return history;
  }
}

/**
 * The environment's versions from the manifest's commits (newest first): consecutive commits that declare the same
 * version are one deployment, dated by the oldest of them (when the version was set). Commits whose file git cannot
 * show (merges) are passed over; a commit where the environment is absent separates deployments.
 */
export function deploymentsOf(
  revisions: GitOpsFileRevision[],
  environment: string,
): { current?: Deployment; earlier: Deployment[] } {
  const deployments: Deployment[] = [];
  let headDeclares: boolean | undefined;
  let continues = false;
  for (const commit of revisions) {
    if (commit.text === undefined) continue;
    const version = versionIn(commit.text, environment);
    headDeclares ??= version !== undefined;
    if (version === undefined) {
      continues = false;
      continue;
    }
    const deployment = {
      version,
      revision: commit.revision,
      deployedAt: commit.committedAt,
      subject: commit.subject,
      author: commit.author.name,
    };
    if (continues && deployments[deployments.length - 1].version === version)
      deployments[deployments.length - 1] = deployment;
    else deployments.push(deployment);
    continues = true;
  }
  const current = headDeclares ? deployments[0] : undefined;
  // A version run twice is offered once, as its most recent deployment; the current one is not "earlier".
  const seen = new Set(current ? [current.version] : []);
  const earlier: Deployment[] = [];
  for (const deployment of current ? deployments.slice(1) : deployments) {
    if (seen.has(deployment.version)) continue;
    seen.add(deployment.version);
    earlier.push(deployment);
  }
  return { ...(current ? { current } : {}), earlier };
}

function versionIn(text: string, environment: string): string | undefined {
  try {
    const value = getManifestValue(text, versionField(environment));
    // YAML reads `1.2` as a number; the manifest means the tag.
    return typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : undefined;
  } catch {
    return undefined;
  }
}
