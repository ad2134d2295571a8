import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { ManifestProblemsContent } from '../ManifestProblems';
import { ApprovalsContent, MyRunsContent } from '../Runs';
import { NewsContent } from '../News';
import { FeedbackContent } from '../Feedback';
import { InsightsContent } from '../Insights';

/** Slipway's page: the platform's view across applications. */
export const SlipwayPage = () => (
  <Page themeId="tool">
    <Header
      title="Platform"
      subtitle="Applications, their manifests, the actions run on them and platform news"
    />
    <TabbedLayout>
      <TabbedLayout.Route path="/runs" title="My runs">
        <MyRunsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/approvals" title="Approvals">
        <ApprovalsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/manifests" title="Manifest problems">
        <ManifestProblemsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/insights" title="Insights">
        <InsightsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/news" title="News">
        <NewsContent />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/feedback" title="Feedback">
        <FeedbackContent />
      </TabbedLayout.Route>
    </TabbedLayout>
  </Page>
);
