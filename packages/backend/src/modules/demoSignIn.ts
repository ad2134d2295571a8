import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { InputError, NotAllowedError } from '@backstage/errors';

/** The request header through which the demo sign-in page says who to sign in as. */
export const DEMO_USER_HEADER = 'x-slipway-demo-user';

const USER_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

/**
 * The `demo` sign-in provider: signs in as the catalog User whose name the request names, so that one person can
 * act as each member of the demo organisation locally. It has no password by design, so it refuses to work unless
 * `auth.environment` is `development` — a production config (which sets `production`) cannot enable it by accident.
 */
export const demoAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userName: string }) => ({
    profile: { displayName: result.userName },
  }),
  initialize: () => undefined,
  async authenticate({ req }) {
    const userName = req.header(DEMO_USER_HEADER)?.trim() ?? '';
    if (!USER_NAME.test(userName) || userName.length > 63) {
      throw new InputError(
        `Header ${DEMO_USER_HEADER} must name a demo user (a catalog User name such as "alice")`,
      );
    }
    return { result: { userName } };
  },
});

export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'slipway-demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const environment =
          config.getOptionalString('auth.environment') ?? 'development';
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            // Show the person's catalog profile (name, email) rather than the bare user name.
            async profileTransform({ userName }, ctx) {
              const { entity } = await ctx.findCatalogUser({
                entityRef: { name: userName },
              });
              const profile = (entity.spec?.profile ?? {}) as Record<
                string,
                string | undefined
              >;
              return {
                profile: {
                  displayName: profile.displayName ?? userName,
                  email: profile.email,
                  picture: profile.picture,
                },
              };
            },
            async signInResolver({ result }, ctx) {
              if (environment !== 'development') {
                throw new NotAllowedError(
                  `The demo sign-in only works when auth.environment is "development" (it is "${environment}")`,
                );
              }
              // Only people in the catalog can sign in, with their real group memberships.
              return ctx.signInWithCatalogUser({
                entityRef: { name: result.userName },
              });
            },
          }),
        });
      },
    });
  },
});
