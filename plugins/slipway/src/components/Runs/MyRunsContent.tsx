import { Content, ContentHeader, InfoCard } from '@backstage/core-components';
import { RunsTable } from './RunsTable';

/** Every run the signed-in person asked for, across applications. */
export const MyRunsContent = () => (
  <Content>
    <ContentHeader title="My runs" />
    <InfoCard>
      <RunsTable query={{ requester: 'me' }} showApplication />
    </InfoCard>
  </Content>
);
