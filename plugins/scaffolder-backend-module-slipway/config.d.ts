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
      /**
       * After `slipway:manifest:create` commits, how long it waits for the catalog to have the new application, so
       * that the template's "Open in the catalog" link opens it rather than "Entity not found". Default 30; 0 does
       * not wait. Should the catalog take longer, the step still succeeds (the manifest is committed).
       */
      catalogWaitSeconds?: number;
    };
  };
}
