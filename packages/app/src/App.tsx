import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { SlipwaySignInPage } from './components/SignIn';

/**
 * The demo portal on Backstage's new frontend system, as `create-app` makes one: every plugin package the app
 * depends on is discovered (`app.packages: all` in app-config.yaml), and its pages, tabs and cards are configured in
 * `app.extensions`. This module adds what is the demo's own: its sign-in page. The portal opens on the home page
 * (`@backstage/plugin-home`, placed at `/` in app-config.yaml).
 */
export const demoAppModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => SlipwaySignInPage },
    }),
  ],
});

export default createApp({ features: [demoAppModule] });
