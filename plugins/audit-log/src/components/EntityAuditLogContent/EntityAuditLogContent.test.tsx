import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuditLogApi, auditLogApiRef } from '../../api';
import { makeEvent } from '../../__testUtils__/events';
import { EntityAuditLogContent } from './EntityAuditLogContent';

describe('EntityAuditLogContent', () => {
  it("lists the entity's events, keeping the entity filter fixed", async () => {
    const api: jest.Mocked<AuditLogApi> = {
      listEvents: jest.fn().mockResolvedValue({
        items: [
          makeEvent({ seq: 3, eventId: 'restart', environment: 'staging' }),
        ],
      }),
      getEvent: jest.fn(),
      exportEvents: jest.fn(),
      getLatestVerification: jest.fn(),
      verifyChain: jest.fn(),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[auditLogApiRef, api]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'Checkout-API', namespace: 'default' },
          }}
        >
          <EntityAuditLogContent />
        </EntityProvider>
      </TestApiProvider>,
      {
        routeEntries: [
          '/activity?entityRef=component:default/other&environment=staging',
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(
      await screen.findByRole('button', { name: 'Open event 3' }),
    ).toBeInTheDocument();
    // The URL cannot point the tab at another entity; other filters apply.
    expect(api.listEvents).toHaveBeenCalledWith({
      filters: {
        entityRef: 'component:default/checkout-api',
        environment: 'staging',
      },
      cursor: undefined,
      limit: 25,
    });
    expect(screen.queryByLabelText('Entity')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Environment')).toHaveValue('staging');
    expect(
      screen.queryByRole('columnheader', { name: 'Entities' }),
    ).not.toBeInTheDocument();
  });
});
