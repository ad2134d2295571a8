import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { RunsTable } from './RunsTable';
import { actAsPhone } from '../../__testUtils__/viewport';

const run: Run = {
  id: '11111111-2222-4333-8444-555555555555',
  action: 'promote',
  entityRef: 'component:default/checkout-api',
  environment: 'staging',
  parameters: { from: 'dev', version: '1.4.2' },
  requester: 'user:default/alice',
  status: 'succeeded',
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  attempts: 1,
  cancelRequested: false,
  result: { summary: 'Promoted to staging: 1.4.2' },
};

function render(api: Partial<SlipwayApi>, at = '/') {
  return renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api]]}>
      <RunsTable query={{ entityRef: run.entityRef }} />
    </TestApiProvider>,
    {
      routeEntries: [at],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const api = (): Partial<SlipwayApi> => ({
  listRuns: jest.fn(async () => ({ items: [run] })),
  getRun: jest.fn(async () => run),
  getRunLog: jest.fn(async () => ({ run, lines: [] })),
  listActions: jest.fn(async () => [
    { name: 'promote', title: 'Promote', description: '' },
    { name: 'db-copy', title: 'Copy production database', description: '' },
  ]),
  getEnvironments: jest.fn(async () => [
    { name: 'staging', title: 'Staging', production: false, order: 1 },
  ]),
});

describe('RunsTable', () => {
  it('gives each run a link of its own, which opens it', async () => {
    await render(api());
    const link = await screen.findByRole('link', { name: /ago/ });
    expect(link).toHaveAttribute('href', `/?run=${run.id}`);
    await userEvent.click(link);
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(dialog).toHaveTextContent('Promote: checkout-api in Staging'),
    );
    expect(
      await screen.findByText(/Promoted to staging: 1\.4\.2/, {
        selector: 'div, p, span',
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('opens the run a shared address names, even when it is not on the page', async () => {
    const client = api();
    client.listRuns = jest.fn(async () => ({ items: [] }));
    await render(client, `/?run=${run.id}`);
    expect(await screen.findByRole('dialog')).toHaveTextContent(
      'Promote: checkout-api in Staging',
    );
    expect(client.getRun).toHaveBeenCalledWith(run.id);
  });

  it('names actions and environments by their titles, not their ids', async () => {
    const client = api();
    client.listRuns = jest.fn(async () => ({
      items: [{ ...run, action: 'db-copy', result: undefined }],
    }));
    await render(client);
    const row = (await screen.findAllByRole('row'))[1];
    await waitFor(() =>
      expect(row).toHaveTextContent('Copy production database'),
    );
    expect(row).toHaveTextContent('Staging');
    expect(row).not.toHaveTextContent('db-copy');
  });

  it("says 'the pause schedule' for a run the schedule asked for, without a link to a page it does not have", async () => {
    const client = api();
    client.listRuns = jest.fn(async () => ({
      items: [{ ...run, action: 'pause', requester: 'schedule:slipway/pause' }],
    }));
    await render(client);
    const row = (await screen.findAllByRole('row'))[1];
    const requester = within(row).getByText('the pause schedule');
    expect(requester).toHaveAttribute('title', 'schedule:slipway/pause');
    expect(requester.closest('a')).toBeNull();
  });

  it('on a phone, lists each run as a sentence instead of a seven-column table', async () => {
    const restore = actAsPhone();
    try {
      await render(api());
      const list = await screen.findByRole('list', { name: 'Runs' });
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      const link = within(list).getByRole('link', { name: /^Promote/ });
      await waitFor(() =>
        expect(link).toHaveTextContent('Promote: checkout-api in Staging'),
      );
      expect(link).toHaveAttribute('href', `/?run=${run.id}`);
      expect(list).toHaveTextContent('Succeeded');
      expect(list).toHaveTextContent('Promoted to staging: 1.4.2');
    } finally {
      restore();
    }
  });
});
