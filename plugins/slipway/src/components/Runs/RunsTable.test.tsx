import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { RunsTable } from './RunsTable';

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
});

describe('RunsTable', () => {
  it('gives each run a link of its own, which opens it', async () => {
    await render(api());
    const link = await screen.findByRole('link', { name: /ago/ });
    expect(link).toHaveAttribute('href', `/?run=${run.id}`);
    await userEvent.click(link);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Promote of checkout-api in staging');
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
      'Promote of checkout-api in staging',
    );
    expect(client.getRun).toHaveBeenCalledWith(run.id);
  });
});
