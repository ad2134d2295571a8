import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuditLogPage, EntityAuditLogContent } from './plugin';
import { AuditLogApi, auditLogApiRef } from './api';
import { makeEvent } from './__testUtils__/events';

/** The classic frontend system's exports, as a classic app mounts them (the components have their own tests). */

const api: jest.Mocked<AuditLogApi> = {
  listEvents: jest
    .fn()
    .mockResolvedValue({ items: [makeEvent({ seq: 5, eventId: 'restart' })] }),
  getEvent: jest.fn(),
  exportEvents: jest.fn(),
  getSuggestions: jest.fn().mockResolvedValue({ actors: [], actions: [] }),
  getLatestVerification: jest.fn().mockResolvedValue(undefined),
  verifyChain: jest.fn(),
};

const renderClassic = (element: JSX.Element, routeEntries: string[]) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [auditLogApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

describe('the audit log on the classic frontend system', () => {
  it('serves the Audit log page with its own header', async () => {
    await renderClassic(
      <Routes>
        <Route path="/audit-log" element={<AuditLogPage />} />
      </Routes>,
      ['/audit-log'],
    );
    expect(
      await screen.findByRole('heading', { name: 'Audit log', level: 1 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Open event 5' }),
    ).toBeInTheDocument();
  });

  it('serves the Activity tab of an entity', async () => {
    await renderClassic(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-api', namespace: 'default' },
        }}
      >
        <Routes>
          <Route path="/activity" element={<EntityAuditLogContent />} />
        </Routes>
      </EntityProvider>,
      ['/activity'],
    );
    expect(
      await screen.findByRole('button', { name: 'Open event 5' }),
    ).toBeInTheDocument();
  });
});
