import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import {
  databaseCopyApiRef,
  DatabaseCopyClient,
  slipwayApiRef,
  SlipwayClient,
} from './api';
import { rootRouteRef } from './routes';
import type { QuickLink } from './components/Home/QuickLinksContent';

/** Slipway's frontend plugin. @public */
export const slipwayPlugin = createPlugin({
  id: 'slipway',
  apis: [
    createApiFactory({
      api: slipwayApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SlipwayClient(deps),
    }),
    createApiFactory({
      api: databaseCopyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DatabaseCopyClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The Platform page: manifest problems, and (with the actions) runs and approvals. @public */
export const SlipwayPage = slipwayPlugin.provide(
  createRoutableExtension({
    name: 'SlipwayPage',
    component: () =>
      import('./components/SlipwayPage').then(m => m.SlipwayPage),
    mountPoint: rootRouteRef,
  }),
);

/** The Platform tab of an application's entity page. Show it `if={isSlipwayApplication}`. @public */
export const EntitySlipwayPlatformContent = slipwayPlugin.provide(
  createComponentExtension({
    name: 'EntitySlipwayPlatformContent',
    component: {
      lazy: () => import('./components/PlatformTab').then(m => m.PlatformTab),
    },
  }),
);

/** A system's applications × environments matrix, for the system's entity page. @public */
export const EntitySlipwaySystemEnvironmentsCard = slipwayPlugin.provide(
  createComponentExtension({
    name: 'EntitySlipwaySystemEnvironmentsCard',
    component: {
      lazy: () =>
        import('./components/SystemEnvironmentsCard').then(
          m => m.SystemEnvironmentsCard,
        ),
    },
  }),
);

/** Home page card: the viewer's applications with their environments' versions. @public */
export const SlipwayMyApplicationsHomeCard = slipwayPlugin.provide(
  createCardExtension({
    name: 'SlipwayMyApplicationsHomeCard',
    title: 'My applications',
    components: () =>
      import('./components/Home').then(m => ({
        Content: m.MyApplicationsContent,
      })),
  }),
);

/** Home page card: runs waiting for the viewer's approval. @public */
export const SlipwayWaitingForMeHomeCard = slipwayPlugin.provide(
  createCardExtension({
    name: 'SlipwayWaitingForMeHomeCard',
    title: 'Waiting for my approval',
    components: () =>
      import('./components/Home').then(m => ({
        Content: m.WaitingForMeContent,
      })),
  }),
);

/** Home page card: the viewer's recent runs. @public */
export const SlipwayMyRecentRunsHomeCard = slipwayPlugin.provide(
  createCardExtension({
    name: 'SlipwayMyRecentRunsHomeCard',
    title: 'My recent runs',
    components: () =>
      import('./components/Home').then(m => ({
        Content: m.MyRecentRunsContent,
      })),
  }),
);

/** Home page card: quick links (`links` prop: `[{ title, url }]`; by default templates and the Platform page). @public */
export const SlipwayQuickLinksHomeCard = slipwayPlugin.provide(
  createCardExtension<{ links?: QuickLink[] }>({
    name: 'SlipwayQuickLinksHomeCard',
    title: 'Quick links',
    components: () =>
      import('./components/Home').then(m => ({
        Content: m.QuickLinksContent,
      })),
  }),
);

/** Home page card: the latest platform news, each linked to itself on Platform → News. @public */
export const SlipwayPlatformNewsHomeCard = slipwayPlugin.provide(
  createCardExtension({
    name: 'SlipwayPlatformNewsHomeCard',
    title: 'Platform news',
    components: () =>
      import('./components/News').then(m => ({
        Content: m.PlatformNewsHomeContent,
      })),
  }),
);

/** Home page card: a note to the platform team, from anyone. @public */
export const SlipwayPlatformNoteHomeCard = slipwayPlugin.provide(
  createCardExtension({
    name: 'SlipwayPlatformNoteHomeCard',
    title: 'Tell the platform team',
    components: () =>
      import('./components/Feedback').then(m => ({
        Content: m.PlatformNoteHomeContent,
      })),
  }),
);
