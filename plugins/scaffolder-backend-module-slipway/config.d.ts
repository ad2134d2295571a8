export interface Config {
  slipway?: {
    /** Slipway's scaffolder actions (docs/templates.md). */
    scaffolder?: {
      /**
       * Repositories on this machine, for setups without a git host (the local demo): `slipway:publish:local`
       * creates each new repository as `<directory>/<name>.git`. Without it, that action fails and says so.
       */
      localRepositories?: {
        /** Folder of the repositories, absolute or relative to the backend's working directory. Created when missing. */
        directory: string;
      };
    };
  };
}
