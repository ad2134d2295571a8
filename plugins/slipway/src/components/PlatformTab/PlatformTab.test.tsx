import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  checkoutEntity,
  checkoutEnvironments,
} from '../../__testUtils__/fixtures';
import { actAsPhone } from '../../__testUtils__/viewport';
import { databaseCopyApiRef, SlipwayApi, slipwayApiRef } from '../../api';
import { PlatformTab } from './PlatformTab';

const delivery = {
  history: {
    indexed: {
      revision: 'abcdef1234',
      at: '2026-12-01T10:00:00Z',
      commits: 12,
    },
  },
  deployments: [
    {
      environment: 'prod',
      version: '1.4.0',
      revision: 'r3',
      author: 'Alice',
      deployedAt: '2026-12-01T10:00:00Z',
    },
    {
      environment: 'dev',
      version: '1.4.0',
      revision: 'r2',
      author: 'Alice',
      deployedAt: '2026-11-28T10:00:00Z',
    },
    {
      environment: 'dev',
      version: '1.3.0',
      revision: 'r1',
      author: 'Bob',
      deployedAt: '2026-11-20T10:00:00Z',
    },
  ],
  releases: [
    {
      application: 'checkout-api',
      version: '1.4.0',
      environment: 'prod',
      deployedAt: '2026-12-01T10:00:00Z',
      leadTimeHours: 72,
    },
  ],
  runs: [
    { action: 'restart', status: 'succeeded', count: 3 },
    { action: 'restart', status: 'failed', count: 1 },
  ],
};

function renderTab(api: Partial<SlipwayApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          slipwayApiRef,
          { getApplicationDelivery: async () => delivery, ...api },
        ],
        [databaseCopyApiRef, { listDatabaseCopies: async () => [] }],
      ]}
    >
      <EntityProvider entity={checkoutEntity}>
        <PlatformTab />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('PlatformTab', () => {
  it('shows the environments, components, secret references and the manifest', async () => {
    const getApplicationEnvironments = jest
      .fn()
      .mockResolvedValue(checkoutEnvironments);
    await renderTab({
      getApplicationEnvironments,
      getActions: async () => [],
      listRuns: async () => ({ items: [] }),
    });

    expect(await screen.findByText('Development')).toBeInTheDocument();
    expect(getApplicationEnvironments).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'checkout-api',
    });
    expect(
      screen.getByRole('link', { name: /^apps\/checkout-api\.yaml/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/gitops/blob/main/apps/checkout-api.yaml',
    );
    expect(await screen.findByText(/checkout-db/)).toBeInTheDocument();
    expect(screen.getByText('DATABASE_PASSWORD')).toBeInTheDocument();
    // Its delivery over 90 days: versions per environment, the last releases and its runs by action.
    const versions = await screen.findByRole('table', {
      name: 'Versions per environment, newest first',
    });
    expect(
      within(versions).getByRole('row', {
        name: /^dev 1\.4\.0 \(.*\) ← 1\.3\.0 \(.*\) 2$/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: /checkout-api 1\.4\.0 prod .* 3 days/ }),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', {
          name: 'Actions run on this application, by outcome',
        }),
      ).getByRole('row', {
        name: 'restart 3 1 0 0',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('aws-secrets-manager: prod/checkout/db → password'),
    ).toBeInTheDocument();
  });

  it('shows the error in words when the backend fails', async () => {
    await renderTab({
      getActions: async () => [],
      listRuns: async () => ({ items: [] }),
      getApplicationEnvironments: jest
        .fn()
        .mockRejectedValue(
          new Error(
            'No application component:default/checkout-api in the catalog',
          ),
        ),
    });
    expect(
      await screen.findAllByText(
        /No application component:default\/checkout-api in the catalog/,
      ),
    ).not.toHaveLength(0);
  });

  it('on a phone, puts each environment’s buttons in its card, and a tap on a disabled one says why', async () => {
    const restore = actAsPhone();
    try {
      await renderTab({
        getApplicationEnvironments: async () => checkoutEnvironments,
        getActions: async () =>
          ['dev', 'prod'].map(environment => ({
            action: 'restart',
            title: 'Restart',
            description: 'Restart the application.',
            environment,
            allowed: environment === 'dev',
            reason:
              environment === 'dev'
                ? undefined
                : 'Restart is not set up for Production',
            confirm: false,
            parameters: {},
          })),
        listRuns: async () => ({ items: [] }),
      });
      const prod = within(
        await screen.findByRole('region', { name: /^Production/ }),
      );
      const restart = await prod.findByRole('button', {
        name: 'Restart in Production',
      });
      expect(restart).toHaveAttribute('aria-disabled', 'true');
      expect(
        prod.queryByRole('button', { name: 'Restart in Development' }),
      ).not.toBeInTheDocument();
      expect(
        within(screen.getByRole('region', { name: 'Development' })).getByRole(
          'button',
          { name: 'Restart in Development' },
        ),
      ).not.toHaveAttribute('aria-disabled', 'true');

      await userEvent.click(restart);
      expect(
        await screen.findByRole('note', { name: 'Why not' }),
      ).toHaveTextContent('Restart is not set up for Production');
    } finally {
      restore();
    }
  });
});
