import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { AuditLogApi, auditLogApiRef } from '../../api';
import { makeEvent } from '../../__testUtils__/events';
import { Settings } from 'luxon';
import { AuditLogPage } from './AuditLogPage';

// Readers see times in their own zone: pretend to be in Oslo.
beforeAll(() => {
  Settings.defaultZone = 'Europe/Oslo';
});
afterAll(() => {
  Settings.defaultZone = 'system';
});

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function mockApi(): jest.Mocked<AuditLogApi> {
  return {
    listEvents: jest.fn().mockResolvedValue({ items: [] }),
    getEvent: jest.fn(),
    exportEvents: jest.fn(),
    getLatestVerification: jest.fn().mockResolvedValue(undefined),
    verifyChain: jest.fn(),
  };
}

async function renderPage(
  api: jest.Mocked<AuditLogApi>,
  options: {
    url?: string;
    verify?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [auditLogApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.verify ?? AuthorizeResult.ALLOW,
          }),
        ],
      ]}
    >
      <AuditLogPage />
    </TestApiProvider>,
    { routeEntries: [options.url ?? '/audit-log'], mountedRoutes },
  );
}

describe('AuditLogPage', () => {
  it('lists the events of the filters in the URL, with readable times', async () => {
    const api = mockApi();
    api.listEvents.mockResolvedValue({
      items: [
        makeEvent({
          seq: 12,
          status: 'failed',
          eventId: 'restart',
          plugin: 'slipway',
          environment: 'prod',
        }),
        makeEvent({
          seq: 11,
          status: 'initiated',
          eventId: 'restart',
          plugin: 'slipway',
          environment: 'prod',
        }),
      ],
    });
    await renderPage(api, {
      url: '/audit-log?plugin=slipway&status=failed&bogus=1',
    });

    expect(
      await screen.findByRole('button', { name: 'Open event 12' }),
    ).toBeInTheDocument();
    expect(api.listEvents).toHaveBeenCalledWith({
      filters: { plugin: 'slipway', status: 'failed' },
      cursor: undefined,
      limit: 25,
    });
    const row = screen
      .getByRole('button', { name: 'Open event 12' })
      .closest('tr')!;
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(within(row).getByText('user:default/alice')).toBeInTheDocument();
    expect(within(row).getByText('prod')).toBeInTheDocument();
    // 10:15:30 UTC, shown in the reader's zone.
    expect(
      within(row).getByText('2026-05-04 12:15:30 GMT+2'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Plugin')).toHaveValue('slipway');
  });

  it('applies typed filters and pages with the cursors', async () => {
    const api = mockApi();
    api.listEvents.mockResolvedValue({
      items: [makeEvent({ seq: 30 })],
      olderCursor: 'older-1',
    });
    await renderPage(api);
    await screen.findByRole('button', { name: 'Open event 30' });

    await userEvent.type(screen.getByLabelText('Actor'), 'user:default/bob');
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: { actor: 'user:default/bob' },
        cursor: undefined,
        limit: 25,
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: { actor: 'user:default/bob' },
        cursor: 'older-1',
        limit: 25,
      }),
    );
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
  });

  it('opens an event with everything recorded about it', async () => {
    const api = mockApi();
    const event = makeEvent({
      seq: 5,
      status: 'failed',
      error: { name: 'NotAllowedError', message: 'Approval required' },
      meta: { action: 'restart', password: '[REDACTED]' },
    });
    api.listEvents.mockResolvedValue({ items: [event] });
    api.getEvent.mockResolvedValue(event);
    await renderPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Open event 5' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Audit event 5')).toBeInTheDocument();
    expect(
      await within(dialog).findByText('NotAllowedError: Approval required'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('POST /api/catalog/refresh'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('a'.repeat(64))).toBeInTheDocument();
    expect(dialog.textContent).toContain('"password": "[REDACTED]"');
    expect(api.getEvent).toHaveBeenCalledWith(5);
  });

  it('explains an empty log, and empty filter results with a way out', async () => {
    const api = mockApi();
    await renderPage(api);
    expect(await screen.findByText('No audit events yet')).toBeInTheDocument();

    await renderPage(api, { url: '/audit-log?environment=prod' });
    expect(
      await screen.findByText('No events match these filters'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: {},
        cursor: undefined,
        limit: 25,
      }),
    );
  });

  it('says so when the reader may not read the audit log', async () => {
    const api = mockApi();
    api.listEvents.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'You are not allowed to read the audit log',
            },
            request: { method: 'GET', url: '/events' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    await renderPage(api);
    expect(
      await screen.findByText(/You are not allowed to read these audit events/),
    ).toBeInTheDocument();
  });

  it('shows the chain verification and verifies on request, for readers allowed to', async () => {
    const api = mockApi();
    api.getLatestVerification.mockResolvedValue({
      ok: false,
      verifiedAt: new Date().toISOString(),
      checkedEvents: 41,
      fromSeq: 1,
      toSeq: 90,
      problem: {
        seq: 42,
        kind: 'changed',
        message: 'Event 42 was changed after it was recorded.',
      },
    });
    api.verifyChain.mockResolvedValue({
      ok: true,
      verifiedAt: new Date().toISOString(),
      checkedEvents: 90,
      fromSeq: 1,
      toSeq: 90,
    });
    await renderPage(api);
    expect(
      await screen.findByText(/Chain broken at event 42 \(changed\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Event 42 was changed after it was recorded.'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(
      await screen.findByText(/Chain intact: 90 events \(1 to 90\) verified/),
    ).toBeInTheDocument();
  });
});
