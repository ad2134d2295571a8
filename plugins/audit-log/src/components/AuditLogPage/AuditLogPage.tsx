import { Box } from '@material-ui/core';
import { Content, Header, Page } from '@backstage/core-components';
import { useAuditLogSearchParams } from '../../hooks/useAuditLogSearchParams';
import { AuditEventsView } from '../AuditEventsView';
import { ChainVerificationStatus } from '../ChainVerificationStatus';

/** The Audit log page of the portal. */
export const AuditLogPage = () => {
  const { openEvent } = useAuditLogSearchParams();
  return (
    <Page themeId="tool">
      <Header
        title="Audit log"
        subtitle="Who did what, when, and with what outcome, across every plugin"
      />
      <Content>
        <Box mb={2}>
          <ChainVerificationStatus onOpenEvent={openEvent} />
        </Box>
        <AuditEventsView />
      </Content>
    </Page>
  );
};
