import { Box } from '@material-ui/core';
import { Content, Header, Page } from '@backstage/core-components';
import { useAuditLogSearchParams } from '../../hooks/useAuditLogSearchParams';
import { AuditEventsView } from '../AuditEventsView';
import { ChainVerificationStatus } from '../ChainVerificationStatus';

/**
 * The Audit log page of the portal. The new frontend system gives pages their header (`header={false}`); the
 * classic one does not.
 */
export const AuditLogPage = ({ header = true }: { header?: boolean }) => {
  const { openEvent } = useAuditLogSearchParams();
  const content = (
    <Content>
      <Box mb={2}>
        <ChainVerificationStatus onOpenEvent={openEvent} />
      </Box>
      <AuditEventsView />
    </Content>
  );
  if (!header) {
    return content;
  }
  return (
    <Page themeId="tool">
      <Header
        title="Audit log"
        subtitle="Who did what, when, and with what outcome, across every plugin"
      />
      {content}
    </Page>
  );
};
