import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AuditChainVerification } from '@slipway/backstage-plugin-audit-log-common';
import { AuditLogApi, auditLogApiRef } from '../../api';
import { ChainVerificationStatus } from './ChainVerificationStatus';

const verified = {
  ok: true,
  verifiedAt: new Date().toISOString(),
  checkedEvents: 10,
  fromSeq: 1,
  toSeq: 10,
};

async function renderWith(latest: AuditChainVerification) {
  const api = {
    getLatestVerification: jest.fn().mockResolvedValue(latest),
    verifyChain: jest.fn(),
  } as unknown as jest.Mocked<AuditLogApi>;
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [auditLogApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ]}
    >
      <ChainVerificationStatus onOpenEvent={jest.fn()} />
    </TestApiProvider>,
  );
}

describe('ChainVerificationStatus, for readers who may verify', () => {
  it('says when an intact chain is not sealed with a key, and not when it is', async () => {
    await renderWith({ ...verified, sealed: false });
    expect(
      await screen.findByText(/Chain intact: 10 events \(1 to 10\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Not sealed with a key/)).toBeInTheDocument();
  });

  it('does not mention sealing for a sealed chain', async () => {
    await renderWith({ ...verified, sealed: true });
    expect(await screen.findByText(/Chain intact/)).toBeInTheDocument();
    expect(screen.queryByText(/Not sealed/)).not.toBeInTheDocument();
  });

  it('offers to open the event for a changed row, not for a cut end', async () => {
    await renderWith({
      ...verified,
      ok: false,
      problem: { seq: 4, kind: 'changed', message: 'Event 4 was changed.' },
    });
    expect(
      await screen.findByRole('button', { name: 'Open event 4' }),
    ).toBeInTheDocument();
  });

  it('has no event to open for a broken seal', async () => {
    await renderWith({
      ...verified,
      ok: false,
      problem: { seq: 10, kind: 'unsealed', message: 'The head was moved.' },
    });
    expect(await screen.findByText('The head was moved.')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Open event/ }),
    ).not.toBeInTheDocument();
  });
});
