import { useState } from 'react';
import {
  Content,
  ErrorPanel,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  ConfigApi,
  configApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';

/** Must match DEMO_USER_HEADER in packages/backend/src/modules/demoSignIn.ts. */
const DEMO_USER_HEADER = 'x-slipway-demo-user';
const STORAGE_KEY = 'slipway.demoUser';

type DemoUser = { name: string; title?: string; description?: string };

function readDemoUsers(config: ConfigApi): DemoUser[] {
  return (config.getOptionalConfigArray('app.signIn.demoUsers') ?? []).map(
    user => ({
      name: user.getString('name'),
      title: user.getOptionalString('title'),
      description: user.getOptionalString('description'),
    }),
  );
}

/** Forgets the chosen person on sign-out, so that the next visit asks again instead of signing straight back in. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * The local demo's sign-in: pick one of the people of the demo organisation and act as them. The backend checks the
 * name against the catalog, so ownership and group memberships are real.
 */
export const DemoSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const [userName, setUserName] = useState<string | null>(() =>
    window.localStorage.getItem(STORAGE_KEY),
  );

  const choose = (name: string | null) => {
    if (name) window.localStorage.setItem(STORAGE_KEY, name);
    else window.localStorage.removeItem(STORAGE_KEY);
    setUserName(name);
  };

  if (userName) {
    return (
      <ProxiedSignInPage
        key={userName}
        provider="demo"
        headers={{ [DEMO_USER_HEADER]: userName }}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgetOnSignOut(identity))
        }
        ErrorComponent={({ error }) => (
          <Page themeId="home">
            <Header title="Slipway" subtitle="Demo sign-in" />
            <Content>
              <ErrorPanel
                title={`Could not sign in as ${userName}`}
                error={error ?? new Error('Unknown error')}
              />
              <Button
                variant="contained"
                color="primary"
                onClick={() => choose(null)}
              >
                Choose someone else
              </Button>
            </Content>
          </Page>
        )}
      />
    );
  }

  const users = readDemoUsers(config);
  return (
    <Page themeId="home">
      <Header title="Slipway" subtitle="Demo sign-in: choose who you are" />
      <Content>
        <Typography paragraph>
          This local demo has no identity provider. Sign in as one of the people
          of the demo organisation to see the portal as they do: what they own,
          and which actions they may run.
        </Typography>
        <Grid container spacing={3}>
          {users.map(user => (
            <Grid item xs={12} sm={6} md={4} key={user.name}>
              <InfoCard title={user.title ?? user.name}>
                <Typography paragraph color="textSecondary">
                  {user.description ?? `user:default/${user.name}`}
                </Typography>
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => choose(user.name)}
                  aria-label={`Sign in as ${user.title ?? user.name}`}
                >
                  Sign in
                </Button>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
};
