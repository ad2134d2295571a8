import { GitHubPullRequestWriter } from './GitHubPullRequestWriter';
import { GitRepository } from './GitRepository';
import { GitOpsChange, GitOpsRepository } from './types';

/** Reads with git, writes pull requests through GitHub's API. */
export class PullRequestRepository implements GitOpsRepository {
  readonly description: string;

  constructor(
    private readonly reader: GitRepository,
    private readonly writer: GitHubPullRequestWriter,
  ) {
    this.description = reader.description;
  }

  read(options?: { environments?: readonly string[] }) {
    return this.reader.read(options);
  }

  history(path: string, options?: { revision?: string; limit?: number }) {
    return this.reader.history(path, options);
  }

  commits(options: { after?: string; limit: number }) {
    return this.reader.commits(options);
  }

  change(change: GitOpsChange) {
    return this.writer.change(change);
  }

  fileUrl(path: string) {
    return this.reader.fileUrl(path);
  }

  locationRef(path: string) {
    return this.reader.locationRef(path);
  }

  close() {
    return this.reader.close();
  }
}
