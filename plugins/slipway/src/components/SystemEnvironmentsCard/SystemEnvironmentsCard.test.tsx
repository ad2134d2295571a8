import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { SystemEnvironments } from '@slipway/backstage-plugin-slipway-common';
import { checkoutEnvironments } from '../../__testUtils__/fixtures';
import { slipwayApiRef } from '../../api';
import { SystemEnvironmentsCard } from './SystemEnvironmentsCard';

const system = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
};

const renderCard = (value: SystemEnvironments) =>
  renderInTestApp(
    <TestApiProvider
      apis={[[slipwayApiRef, { getSystemEnvironments: async () => value }]]}
    >
      <EntityProvider entity={system}>
        <SystemEnvironmentsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('SystemEnvironmentsCard', () => {
  it('shows each application with its version and health per environment', async () => {
    await renderCard({
      system: 'system:default/payments',
      environments: checkoutEnvironments.environments.map(
        ({ name, title, production, order }) => ({
          name,
          title,
          production,
          order,
        }),
      ),
      applications: [checkoutEnvironments],
    });
    const table = await screen.findByRole('table', {
      name: 'Applications by environment',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Application',
      'Development',
      'Staging',
      'Production',
    ]);
    const cells = within(table)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual([
      'checkout-apiservice',
      '1.4.2Progressing',
      '—',
      '1.3.9Unknown',
    ]);
  });

  it('says when no application has a manifest', async () => {
    await renderCard({
      system: 'system:default/payments',
      environments: [],
      applications: [],
    });
    expect(
      await screen.findByText(
        'No application of this system has a Slipway manifest yet.',
      ),
    ).toBeInTheDocument();
  });
});
