import { screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AuditLogApi, auditLogApiRef } from '../../api';
import { ChainVerificationStatus } from './ChainVerificationStatus';

// Its own file: usePermission caches decisions per permission for the life of a test file.
describe('ChainVerificationStatus', () => {
  it('shows nothing, and asks nothing, to readers without audit-log.chain.verify', async () => {
    const api = {
      getLatestVerification: jest.fn(),
      verifyChain: jest.fn(),
    } as unknown as jest.Mocked<AuditLogApi>;
    const authorize = jest.fn().mockReturnValue(AuthorizeResult.DENY);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [auditLogApiRef, api],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <ChainVerificationStatus onOpenEvent={jest.fn()} />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'audit-log.chain.verify',
          }),
        }),
      ),
    );
    expect(
      screen.queryByLabelText('Chain verification'),
    ).not.toBeInTheDocument();
    expect(api.getLatestVerification).not.toHaveBeenCalled();
  });
});
