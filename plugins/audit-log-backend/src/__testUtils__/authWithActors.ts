import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock auth service, except that a token a plugin obtained on behalf of a user keeps that plugin as the
 * user's actor, as real Backstage tokens do. The permission backend refuses conditional requests from users
 * without an actor (direct calls), so without this the mock cannot carry a plugin's permission check.
 */
export const authWithActorsServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: async (token, options) => {
        const credentials = await auth.authenticate(token, options);
        if (
          token.startsWith(MOCK_SERVICE_TOKEN_PREFIX) &&
          auth.isPrincipal(credentials, 'user')
        ) {
          const { sub } = JSON.parse(
            token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
          );
          return mockCredentials.user(credentials.principal.userEntityRef, {
            actor: { subject: sub },
          });
        }
        return credentials;
      },
      getNoneCredentials: () => auth.getNoneCredentials(),
      getOwnServiceCredentials: () => auth.getOwnServiceCredentials(),
      isPrincipal: auth.isPrincipal.bind(auth) as AuthService['isPrincipal'],
      getPluginRequestToken: options => auth.getPluginRequestToken(options),
      getLimitedUserToken: credentials => auth.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => auth.listPublicServiceKeys(),
    };
  },
});
