import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  checkoutEntity,
  checkoutEnvironments,
} from '../../__testUtils__/fixtures';
import { databaseCopyApiRef, SlipwayApi, slipwayApiRef } from '../../api';
import { PlatformTab } from './PlatformTab';

function renderTab(api: Partial<SlipwayApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [slipwayApiRef, api],
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
});
