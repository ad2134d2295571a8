import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuditLogApi, auditLogApiRef } from '../../api';
import { mockAuditLogApi } from '../../__testUtils__/api';
import { makeEvent } from '../../__testUtils__/events';
import { EntityAuditLogContent } from './EntityAuditLogContent';

async function renderTab(api: AuditLogApi, url: string) {
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
      routeEntries: [url],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntityAuditLogContent', () => {
  it("lists the entity's changes, keeping the entity filter fixed", async () => {
    const api = mockAuditLogApi();
    api.listEvents.mockResolvedValue({
      items: [
        makeEvent({ seq: 3, eventId: 'restart', environment: 'staging' }),
      ],
    });
    await renderTab(
      api,
      '/activity?entityRef=component:default/other&environment=staging',
    );

    expect(
      await screen.findByRole('button', { name: 'Open event 3' }),
    ).toBeInTheDocument();
    // The URL cannot point the tab at another entity; other filters apply. Reads are left out by the API.
    expect(api.listEvents).toHaveBeenCalledWith({
      filters: {
        entityRef: 'component:default/checkout-api',
        environment: 'staging',
        minSeverity: 'medium',
      },
      cursor: undefined,
      limit: 25,
    });
    expect(api.getSuggestions).toHaveBeenCalledWith({
      filters: {
        entityRef: 'component:default/checkout-api',
        minSeverity: 'medium',
      },
    });
    expect(screen.queryByLabelText('Entity')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Environment')).toHaveValue('staging');
    expect(
      screen.queryByRole('columnheader', { name: 'Entities' }),
    ).not.toBeInTheDocument();
  });

  it('shows reads behind a switch that is off, and in the URL when on', async () => {
    const api = mockAuditLogApi();
    await renderTab(api, '/activity');

    // Nothing but reads: say so, and offer them.
    expect(await screen.findByText('No changes yet')).toBeInTheDocument();
    const showReads = screen.getByRole('checkbox', { name: 'Show reads' });
    expect(showReads).not.toBeChecked();

    await userEvent.click(showReads);
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: {
          entityRef: 'component:default/checkout-api',
          minSeverity: 'low',
        },
        cursor: undefined,
        limit: 25,
      }),
    );
    expect(showReads).toBeChecked();
    expect(await screen.findByText('No audit events yet')).toBeInTheDocument();
  });

  it('opens with reads shown from a shared link', async () => {
    const api = mockAuditLogApi();
    await renderTab(api, '/activity?minSeverity=low');
    expect(
      await screen.findByRole('checkbox', { name: 'Show reads' }),
    ).toBeChecked();
    expect(api.listEvents).toHaveBeenLastCalledWith(
      expect.objectContaining({
        filters: {
          entityRef: 'component:default/checkout-api',
          minSeverity: 'low',
        },
      }),
    );
  });

  it('shows reads from an empty list of changes', async () => {
    const api = mockAuditLogApi();
    await renderTab(api, '/activity');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show reads' }),
    );
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith(
        expect.objectContaining({
          filters: {
            entityRef: 'component:default/checkout-api',
            minSeverity: 'low',
          },
        }),
      ),
    );
  });

  it('lists every record of an opened read, reads hidden or not', async () => {
    const api = mockAuditLogApi();
    api.getEvent.mockResolvedValue(
      makeEvent({ seq: 5, eventId: 'entity-fetch', severity: 'low' }),
    );
    await renderTab(api, '/activity?event=5');
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show every record of this operation',
      }),
    );
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: {
          entityRef: 'component:default/checkout-api',
          minSeverity: 'low',
          operationId: 'op-1',
        },
        cursor: undefined,
        limit: 25,
      }),
    );
  });
});
