export interface Config {
  slipway?: {
    /** Settings of the local demo only. */
    demo?: {
      /**
       * Creates the GitOps repository (`slipway.gitops.url`, a local path) from this folder of manifests when it
       * does not exist yet. Relative to the backend's working directory.
       */
      seedGitopsFrom?: string;
    };
  };
}
