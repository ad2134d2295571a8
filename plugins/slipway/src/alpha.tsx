/**
 * Slipway's frontend for Backstage's new frontend system: the Platform page (with its runs, approvals, manifest
 * problems and news), each application's Platform tab, a system's applications × environments card, and the API clients.
 * Installed by feature discovery (`app.packages: all`) or `createApp({ features: [slipwayPlugin] })`.
 *
 * @packageDocumentation
 */
import PlatformIcon from '@material-ui/icons/Layers';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { z } from 'zod';
import { isSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';
import {
  databaseCopyApiRef,
  DatabaseCopyClient,
  slipwayApiRef,
  SlipwayClient,
} from './api';
import { rootRouteRef } from './routes';

/** The client of Slipway's backend. @alpha */
export const slipwayApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: slipwayApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SlipwayClient(deps),
    }),
});

/** The client of Slipway's database copies. @alpha */
export const slipwayDatabaseCopyApi = ApiBlueprint.make({
  name: 'database-copies',
  params: defineParams =>
    defineParams({
      api: databaseCopyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DatabaseCopyClient(deps),
    }),
});

/** The Platform page at `/slipway`; its tabs are the sub-pages below. Its title and icon make the nav item. @alpha */
export const slipwayPage = PageBlueprint.make({
  params: {
    path: '/slipway',
    routeRef: rootRouteRef,
    title: 'Platform',
    icon: <PlatformIcon fontSize="inherit" />,
  },
});

const content = (element: JSX.Element) =>
  import('@backstage/core-components').then(({ Content }) => (
    <Content>{element}</Content>
  ));

/** Platform → My runs. @alpha */
export const slipwayRunsSubPage = SubPageBlueprint.make({
  name: 'runs',
  params: {
    path: 'runs',
    title: 'My runs',
    loader: () =>
      import('./components/Runs').then(m => content(<m.MyRunsContent />)),
  },
});

/** Platform → Approvals. @alpha */
export const slipwayApprovalsSubPage = SubPageBlueprint.make({
  name: 'approvals',
  params: {
    path: 'approvals',
    title: 'Approvals',
    loader: () =>
      import('./components/Runs').then(m => content(<m.ApprovalsContent />)),
  },
});

/** Platform → Manifest problems. @alpha */
export const slipwayManifestsSubPage = SubPageBlueprint.make({
  name: 'manifests',
  params: {
    path: 'manifests',
    title: 'Manifest problems',
    loader: () =>
      import('./components/ManifestProblems').then(m =>
        content(<m.ManifestProblemsContent />),
      ),
  },
});

/** Platform → Insights: how the self-service actions are used (every application, or the viewer's teams'). @alpha */
export const slipwayInsightsSubPage = SubPageBlueprint.make({
  name: 'insights',
  params: {
    path: 'insights',
    title: 'Insights',
    loader: () =>
      import('./components/Insights').then(m => content(<m.InsightsContent />)),
  },
});

/** Platform → News: the platform team's announcements; those allowed publish from here. @alpha */
export const slipwayNewsSubPage = SubPageBlueprint.make({
  name: 'news',
  params: {
    path: 'news',
    title: 'News',
    loader: () =>
      import('./components/News').then(m => content(<m.NewsContent />)),
  },
});

/** Platform → Feedback: runs' ratings by action, their comments and notes, for the platform team. @alpha */
export const slipwayFeedbackSubPage = SubPageBlueprint.make({
  name: 'feedback',
  params: {
    path: 'feedback',
    title: 'Feedback',
    loader: () =>
      import('./components/Feedback').then(m => content(<m.FeedbackContent />)),
  },
});

/** The Platform tab of an application's entity page; only on Slipway applications. @alpha */
export const slipwayPlatformEntityContent = EntityContentBlueprint.make({
  name: 'platform',
  params: {
    path: 'platform',
    title: 'Platform',
    icon: <PlatformIcon fontSize="inherit" />,
    filter: isSlipwayApplication,
    loader: () =>
      import('./components/PlatformTab').then(m => <m.PlatformTab />),
  },
});

/** A system's applications × environments, on the system's overview. @alpha */
export const slipwaySystemEnvironmentsEntityCard = EntityCardBlueprint.make({
  name: 'system-environments',
  params: {
    type: 'content',
    filter: { kind: 'system' },
    loader: () =>
      import('./components/SystemEnvironmentsCard').then(m => (
        <m.SystemEnvironmentsCard />
      )),
  },
});

/**
 * Templates: `ui:field: SlipwayApplicationName`, a new application's name, refused in the form when the catalog
 * already has it. @alpha
 */
export const slipwayApplicationNameFormField = FormFieldBlueprint.make({
  name: 'application-name',
  params: {
    field: () =>
      import('./components/TemplateFields/fields').then(
        m => m.applicationNameFormField,
      ),
  },
});

/** Templates: `ui:field: SlipwayEntityPicker`, a team or system chosen and shown by its title. @alpha */
export const slipwayEntityPickerFormField = FormFieldBlueprint.make({
  name: 'entity-picker',
  params: {
    field: () =>
      import('./components/TemplateFields/fields').then(
        m => m.entityTitlePickerFormField,
      ),
  },
});

/** Home page: the viewer's applications with their environments' versions. @alpha */
export const slipwayMyApplicationsHomeWidget = HomePageWidgetBlueprint.make({
  name: 'my-applications',
  params: {
    name: 'SlipwayMyApplications',
    title: 'My applications',
    description:
      "Your and your teams' applications, with each environment's version and health",
    components: () =>
      import('./components/Home').then(m => ({
        Content: m.MyApplicationsContent,
      })),
    layout: { width: { defaultColumns: 8, minColumns: 4 } },
  },
});

/** Home page: runs waiting for the viewer's approval. @alpha */
export const slipwayWaitingForMeHomeWidget = HomePageWidgetBlueprint.make({
  name: 'waiting-for-me',
  params: {
    name: 'SlipwayWaitingForMe',
    title: 'Waiting for my approval',
    description: 'Runs you may approve or reject',
    components: () =>
      import('./components/Home').then(m => ({
        Content: m.WaitingForMeContent,
      })),
  },
});

/** Home page: the viewer's recent runs. @alpha */
export const slipwayMyRecentRunsHomeWidget = HomePageWidgetBlueprint.make({
  name: 'my-recent-runs',
  params: {
    name: 'SlipwayMyRecentRuns',
    title: 'My recent runs',
    description: 'Your last self-service actions and how they ended',
    components: () =>
      import('./components/Home').then(m => ({
        Content: m.MyRecentRunsContent,
      })),
  },
});

/**
 * Home page: quick links (by default: create an application, the Platform page); set them with the extension's
 * `links` config (`[{ title, url }]`). @alpha
 */
export const slipwayQuickLinksHomeWidget =
  HomePageWidgetBlueprint.makeWithOverrides({
    name: 'quick-links',
    configSchema: {
      links: z
        .array(z.object({ title: z.string(), url: z.string() }))
        .optional(),
    },
    *factory(originalFactory, { config }) {
      yield* originalFactory({
        name: 'SlipwayQuickLinks',
        title: 'Quick links',
        description: 'Where to start: templates, the Platform page, docs',
        components: () =>
          import('./components/Home').then(m => ({
            Content: () => <m.QuickLinksContent links={config.links} />,
          })),
      });
    },
  });

/** Home page: the latest platform news, each linked to itself on Platform → News. @alpha */
export const slipwayPlatformNewsHomeWidget = HomePageWidgetBlueprint.make({
  name: 'platform-news',
  params: {
    name: 'SlipwayPlatformNews',
    title: 'Platform news',
    description: "The platform team's latest announcements",
    components: () =>
      import('./components/News').then(m => ({
        Content: m.PlatformNewsHomeContent,
      })),
  },
});

/** Home page: a note to the platform team, from anyone. @alpha */
export const slipwayPlatformNoteHomeWidget = HomePageWidgetBlueprint.make({
  name: 'platform-note',
  params: {
    name: 'SlipwayPlatformNote',
    title: 'Tell the platform team',
    description: 'Send the platform team an idea, a problem or a thank-you',
    components: () =>
      import('./components/Feedback').then(m => ({
        Content: m.PlatformNoteHomeContent,
      })),
  },
});

/** Slipway's frontend plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'slipway',
  title: 'Platform',
  icon: <PlatformIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    slipwayApi,
    slipwayDatabaseCopyApi,
    slipwayPage,
    slipwayRunsSubPage,
    slipwayApprovalsSubPage,
    slipwayManifestsSubPage,
    slipwayInsightsSubPage,
    slipwayNewsSubPage,
    slipwayFeedbackSubPage,
    slipwayPlatformEntityContent,
    slipwaySystemEnvironmentsEntityCard,
    slipwayApplicationNameFormField,
    slipwayEntityPickerFormField,
    slipwayMyApplicationsHomeWidget,
    slipwayWaitingForMeHomeWidget,
    slipwayMyRecentRunsHomeWidget,
    slipwayQuickLinksHomeWidget,
    slipwayPlatformNewsHomeWidget,
    slipwayPlatformNoteHomeWidget,
  ],
});
