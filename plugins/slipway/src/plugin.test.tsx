import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import {
  EntitySlipwayPlatformContent,
  EntitySlipwaySystemEnvironmentsCard,
  SlipwayPage,
} from './plugin';
import { databaseCopyApiRef, SlipwayApi, slipwayApiRef } from './api';
import { checkoutEntity, checkoutEnvironments } from './__testUtils__/fixtures';

/** The classic frontend system's exports, as a classic app mounts them (the components have their own tests). */

const api: Partial<SlipwayApi> = {
  getApplicationEnvironments: async () => checkoutEnvironments,
  getSystemEnvironments: async () => ({
    system: 'system:default/payments',
    environments: [],
    applications: [checkoutEnvironments],
  }),
  getActions: async () => [],
  listRuns: async () => ({ items: [] }),
  getApplicationDelivery: async () => ({
    history: { unavailable: 'Not read yet.' },
    deployments: [],
    releases: [],
    runs: [],
  }),
  listApprovals: async () => [],
  getManifestReports: async () => [],
};

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
};

function renderClassic(element: JSX.Element, routeEntries?: string[]) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [slipwayApiRef, api],
        [databaseCopyApiRef, { listDatabaseCopies: async () => [] }],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('Slipway on the classic frontend system', () => {
  it('serves the Platform page with its own header and tabs', async () => {
    await renderClassic(
      <Routes>
        <Route path="/slipway/*" element={<SlipwayPage />} />
      </Routes>,
      ['/slipway/manifests'],
    );
    expect(
      await screen.findByRole('heading', { name: 'Platform', level: 1 }),
    ).toBeInTheDocument();
    for (const tab of ['My runs', 'Approvals', 'Manifest problems']) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }
  });

  it('serves the Platform tab of an application', async () => {
    await renderClassic(
      <EntityProvider entity={checkoutEntity}>
        <EntitySlipwayPlatformContent />
      </EntityProvider>,
    );
    expect(await screen.findByText('Development')).toBeInTheDocument();
  });

  it("serves a system's environments card", async () => {
    await renderClassic(
      <EntityProvider entity={system}>
        <EntitySlipwaySystemEnvironmentsCard />
      </EntityProvider>,
    );
    expect(
      await screen.findByText('Applications × environments'),
    ).toBeInTheDocument();
  });
});
