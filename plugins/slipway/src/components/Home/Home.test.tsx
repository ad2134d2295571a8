import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { ReactNode } from 'react';
import { checkoutEnvironments } from '../../__testUtils__/fixtures';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { MyApplicationsContent } from './MyApplicationsContent';
import { MyRecentRunsContent } from './MyRecentRunsContent';
import { WaitingForMeContent } from './WaitingForMeContent';
import { QuickLinksContent } from './QuickLinksContent';

const environments = checkoutEnvironments.environments.map(
  ({ name, title, production, order }) => ({ name, title, production, order }),
);

const run = (overrides: Partial<Run>): Run => ({
  id: '11111111-2222-4333-8444-555555555555',
  action: 'promote',
  entityRef: 'component:default/checkout-api',
  environment: 'prod',
  parameters: {},
  requester: 'user:default/dave',
  status: 'awaiting-approval',
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  attempts: 0,
  cancelRequested: false,
  ...overrides,
});

const titles: Partial<SlipwayApi> = {
  listActions: async () => [
    { name: 'promote', title: 'Promote', description: '' },
  ],
  getEnvironments: async () => environments,
};

const render = (api: Partial<SlipwayApi>, element: ReactNode) =>
  renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, { ...titles, ...api }]]}>
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/slipway': rootRouteRef,
      },
    },
  );

describe('home page cards', () => {
  it("My applications: each application's versions, and a link to all of them when there are more", async () => {
    await render(
      {
        getMyApplications: async () => ({
          environments,
          applications: [checkoutEnvironments],
          total: 12,
        }),
      },
      <MyApplicationsContent />,
    );
    const table = await screen.findByRole('table', {
      name: 'Applications by environment',
    });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('1.4.2');
    expect(
      screen.getByRole('link', {
        name: 'All 12 of your applications in the catalog',
      }),
    ).toHaveAttribute('href', expect.stringContaining('filters[user]=owned'));
  });

  it('My applications: someone who owns none is invited to create one', async () => {
    await render(
      {
        getMyApplications: async () => ({
          environments,
          applications: [],
          total: 0,
        }),
      },
      <MyApplicationsContent />,
    );
    expect(
      await screen.findByRole('link', { name: 'Create one from a template' }),
    ).toHaveAttribute('href', '/create');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('Waiting for my approval: each run in words, linked to its place on Approvals', async () => {
    await render(
      { listApprovals: async () => [run({})] },
      <WaitingForMeContent />,
    );
    const list = await screen.findByRole('list', {
      name: 'Runs waiting for my approval',
    });
    const link = within(list).getByRole('link', { name: /^Promote/ });
    await waitFor(() =>
      expect(link).toHaveTextContent('Promote: checkout-api in Production'),
    );
    expect(link).toHaveAttribute(
      'href',
      '/slipway/approvals?run=11111111-2222-4333-8444-555555555555',
    );
    expect(list).toHaveTextContent('asked by dave');
  });

  it('Waiting for my approval: says when nothing waits', async () => {
    await render({ listApprovals: async () => [] }, <WaitingForMeContent />);
    expect(
      await screen.findByText('Nothing is waiting for your approval.'),
    ).toBeInTheDocument();
  });

  it('My recent runs: the viewer’s runs with their status, linked to their log', async () => {
    const listRuns = jest.fn(async () => ({
      items: [run({ status: 'succeeded', environment: 'staging' })],
      nextCursor: 'more',
    }));
    await render({ listRuns }, <MyRecentRunsContent />);
    const list = await screen.findByRole('list', { name: 'My recent runs' });
    expect(listRuns).toHaveBeenCalledWith({ requester: 'me', limit: 5 });
    expect(list).toHaveTextContent('Succeeded');
    expect(within(list).getByRole('link')).toHaveAttribute(
      'href',
      '/slipway/runs?run=11111111-2222-4333-8444-555555555555',
    );
    expect(screen.getByRole('link', { name: 'All my runs' })).toHaveAttribute(
      'href',
      '/slipway/runs',
    );
  });

  it('Quick links: a list of list items, each a link (what screen readers count)', async () => {
    await render(
      {},
      <QuickLinksContent
        links={[
          { title: 'Create an application', url: '/create' },
          { title: 'Manifest reference', url: 'https://docs.example/manifest' },
        ]}
      />,
    );
    const list = await screen.findByRole('list', { name: 'Quick links' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[1]).getByRole('link')).toHaveAttribute(
      'href',
      'https://docs.example/manifest',
    );
  });
});
