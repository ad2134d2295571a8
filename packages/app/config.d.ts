export interface Config {
  app: {
    /** How people sign in to the portal. */
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page, in order. `demo` picks one of `demoUsers` (it works only
       * while `auth.environment` is `development`); `github` needs `auth.providers.github`. Default: [demo].
       * @visibility frontend
       */
      providers?: Array<'demo' | 'github'>;
      /**
       * The people the demo sign-in page offers. Each `name` must be a User in the catalog.
       * @visibility frontend
       */
      demoUsers?: Array<{
        /** @visibility frontend */
        name: string;
        /** @visibility frontend */
        title?: string;
        /** @visibility frontend */
        description?: string;
      }>;
    };
  };
}
