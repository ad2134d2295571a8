import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import { DemoSignInPage } from './DemoSignInPage';

/** Chooses the sign-in page from `app.signIn.providers`: the demo's person picker locally, GitHub in production. */
export const SlipwaySignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const providers = config.getOptionalStringArray('app.signIn.providers') ?? [
    'demo',
  ];
  if (providers.includes('github')) {
    return (
      <SignInPage
        {...props}
        auto
        provider={{
          id: 'github-auth-provider',
          title: 'GitHub',
          message: 'Sign in with your GitHub account',
          apiRef: githubAuthApiRef,
        }}
      />
    );
  }
  return <DemoSignInPage {...props} />;
};
