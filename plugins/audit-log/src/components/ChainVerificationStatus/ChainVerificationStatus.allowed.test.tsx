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
import { renderedText } from '../../__testUtils__/renderedText';
import { formatTime } from '../format';
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
  it('says when the chain was verified in words, with a space before them and the exact time on hover', async () => {
    const verifiedAt = new Date(Date.now() - 2 * 60_000).toISOString();
    await renderWith({ ...verified, verifiedAt });
    const status = await screen.findByLabelText('Status ok');
    expect(renderedText(status)).toBe(
      'Chain intact from event 1 to 10 (10 events), verified 2 minutes ago.',
    );
    expect(screen.getByText('2 minutes ago')).toHaveAttribute(
      'title',
      formatTime(verifiedAt),
    );
  });

  it('says when a break was found, with a space before it', async () => {
    await renderWith({
      ...verified,
      verifiedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      ok: false,
      problem: { seq: 4, kind: 'changed', message: 'Event 4 was changed.' },
    });
    const status = await screen.findByLabelText('Status error');
    expect(renderedText(status)).toBe(
      'Chain broken at event 4 (changed), found 3 hours ago.',
    );
  });

  it('says when an intact chain is not sealed with a key, and not when it is', async () => {
    await renderWith({ ...verified, sealed: false });
    expect(
      await screen.findByText(/Chain intact from event 1 to 10 \(10 events\)/),
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
