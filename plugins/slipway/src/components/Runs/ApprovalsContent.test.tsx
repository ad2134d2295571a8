import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { actAsPhone } from '../../__testUtils__/viewport';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { ApprovalsContent } from './ApprovalsContent';

const waiting = (overrides: Partial<Run> = {}): Run => ({
  id: '11111111-2222-4333-8444-555555555555',
  action: 'db-copy',
  entityRef: 'component:default/checkout-api',
  environment: 'dev',
  parameters: { component: 'checkout-db', ttlHours: 8, masking: true },
  requester: 'user:default/alice',
  status: 'awaiting-approval',
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  attempts: 0,
  cancelRequested: false,
  approval: { expiresAt: new Date(Date.now() + 23 * 3600_000).toISOString() },
  ...overrides,
});

function render(api: Partial<SlipwayApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api]]}>
      <ApprovalsContent />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ApprovalsContent', () => {
  it('lists what waits, and approves with an optional comment', async () => {
    let runs = [waiting()];
    const approveRun = jest.fn(async (id: string) => {
      runs = [];
      return waiting({ id, status: 'pending' });
    });
    await render({ listApprovals: async () => runs, approveRun });

    const table = await screen.findByRole('table', {
      name: 'Runs waiting for approval',
    });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('db-copy');
    expect(row).toHaveTextContent(
      'component: checkout-db, ttlHours: 8, masking: true',
    );
    expect(row).toHaveTextContent('alice');

    await userEvent.click(within(row).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(approveRun).toHaveBeenCalledWith(
      '11111111-2222-4333-8444-555555555555',
      undefined,
    );
    expect(
      await screen.findByText('Nothing waits for you'),
    ).toBeInTheDocument();
  });

  it('needs a reason to reject, and shows why a decision was refused', async () => {
    const rejectRun = jest
      .fn()
      .mockRejectedValue(new Error('Run 11111111 was cancelled meanwhile'));
    await render({ listApprovals: async () => [waiting()], rejectRun });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    const dialog = await screen.findByRole('dialog');
    const reject = within(dialog).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Not during the sale',
    );
    await userEvent.click(reject);
    await waitFor(() =>
      expect(rejectRun).toHaveBeenCalledWith(
        '11111111-2222-4333-8444-555555555555',
        'Not during the sale',
      ),
    );
    expect(
      await within(dialog).findByText('Run 11111111 was cancelled meanwhile'),
    ).toBeInTheDocument();
  });

  it('on a phone, shows each run as a card with what is asked, by whom, and its buttons', async () => {
    const restore = actAsPhone();
    try {
      const approveRun = jest.fn(async (id: string) =>
        waiting({ id, status: 'pending' }),
      );
      await render({ listApprovals: async () => [waiting()], approveRun });
      const list = await screen.findByRole('list', {
        name: 'Runs waiting for approval',
      });
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      const card = within(list).getByRole('region', {
        name: /^db-copy: .+ in dev$/,
      });
      expect(card).toHaveTextContent(
        'component: checkout-db, ttlHours: 8, masking: true',
      );
      expect(card).toHaveTextContent(/Asked by alice/);
      expect(card).toHaveTextContent(/the request expires in 2[23] hours/);
      expect(within(card).getByRole('link', { name: /ago$/ })).toHaveAttribute(
        'href',
        '/?run=11111111-2222-4333-8444-555555555555',
      );

      await userEvent.click(
        within(card).getByRole('button', { name: 'Approve' }),
      );
      const dialog = await screen.findByRole('dialog');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Approve' }),
      );
      expect(approveRun).toHaveBeenCalledWith(
        '11111111-2222-4333-8444-555555555555',
        undefined,
      );
    } finally {
      restore();
    }
  });
});
