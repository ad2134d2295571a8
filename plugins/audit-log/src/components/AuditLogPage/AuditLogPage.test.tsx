import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ResponseError } from '@backstage/errors';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuditLogApi, auditLogApiRef } from '../../api';
import { mockAuditLogApi } from '../../__testUtils__/api';
import { makeEvent } from '../../__testUtils__/events';
import { mockEntityPresentationApi } from '../../__testUtils__/presentation';
import { renderedText } from '../../__testUtils__/renderedText';
import { Settings } from 'luxon';
import { AuditLogPage } from './AuditLogPage';

// Readers see times in their own zone and language: pretend to be in Oslo, reading British English.
beforeAll(() => {
  Settings.defaultZone = 'Europe/Oslo';
  Settings.defaultLocale = 'en-GB';
});
afterAll(() => {
  Settings.defaultZone = 'system';
  Settings.defaultLocale = undefined as unknown as string;
});

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const mockApi = mockAuditLogApi;

const people = mockEntityPresentationApi({
  'user:default/alice': 'Alice Adams',
  'user:default/carol': 'Carol Chen',
});

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
        [entityPresentationApiRef, people],
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
  it('lists the events of the filters in the URL, with people by name and times in words', async () => {
    const api = mockApi();
    api.listEvents.mockResolvedValue({
      items: [
        makeEvent({
          seq: 12,
          occurredAt: new Date(Date.now() - 5 * 60_000).toISOString(),
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
    expect(
      await within(row).findByRole('link', { name: 'Alice Adams' }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(within(row).getByText('prod')).toBeInTheDocument();
    // How long ago, with the exact time in the reader's language and zone on hover.
    expect(within(row).getByText('5 minutes ago')).toHaveAttribute(
      'title',
      expect.stringMatching(/^\d{1,2} \w{3} \d{4}, \d{1,2}:\d\d:\d\d CES?T$/),
    );
    expect(screen.getByLabelText('Plugin')).toHaveValue('slipway');
    expect(renderedText(row)).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('suggests people by name and actions by event id, and applies a pick at once', async () => {
    const api = mockApi();
    api.getSuggestions.mockResolvedValue({
      actors: [
        { type: 'user', id: 'user:default/carol' },
        { type: 'service', id: 'plugin:scaffolder' },
        { type: 'user', id: 'user:default/alice' },
      ],
      actions: [
        { plugin: 'slipway', eventId: 'restart' },
        { plugin: 'catalog', eventId: 'entity-mutate' },
        { plugin: 'scaffolder', eventId: 'task' },
      ],
    });
    api.listEvents.mockResolvedValue({ items: [makeEvent({ seq: 3 })] });
    await renderPage(api);
    await screen.findByRole('button', { name: 'Open event 3' });
    // The page shows reads, so its suggestions come from every event.
    expect(api.getSuggestions).toHaveBeenCalledWith({ filters: {} });

    const actor = screen.getByLabelText('Actor');
    await userEvent.type(actor, 'chen');
    const carol = await screen.findByRole('option', { name: /Carol Chen/ });
    expect(carol).toHaveTextContent('user:default/carol');
    expect(
      screen.queryByRole('option', { name: /Alice Adams/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(carol);
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: { actor: 'user:default/carol' },
        cursor: undefined,
        limit: 25,
      }),
    );
    expect(actor).toHaveValue('Carol Chen');

    await userEvent.click(screen.getByLabelText('Event'));
    await userEvent.click(
      await screen.findByRole('option', { name: /restart/ }),
    );
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: { actor: 'user:default/carol', eventId: 'restart' },
        cursor: undefined,
        limit: 25,
      }),
    );
    expect(screen.getByLabelText('Event')).toHaveValue('restart');
  });

  it('takes a typed name as the person it names, and any other text as it is', async () => {
    const api = mockApi();
    api.getSuggestions.mockResolvedValue({
      actors: [{ type: 'user', id: 'user:default/carol' }],
      actions: [],
    });
    await renderPage(api);
    await screen.findByText('No audit events yet');
    await waitFor(() => expect(api.getSuggestions).toHaveBeenCalled());

    await userEvent.type(screen.getByLabelText('Actor'), 'carol chen');
    await screen.findByRole('option', { name: /Carol Chen/ });
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: { actor: 'user:default/carol' },
        cursor: undefined,
        limit: 25,
      }),
    );

    await userEvent.clear(screen.getByLabelText('Event'));
    await userEvent.type(screen.getByLabelText('Event'), 'entity-fetch');
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply filters' }),
    );
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: { actor: 'user:default/carol', eventId: 'entity-fetch' },
        cursor: undefined,
        limit: 25,
      }),
    );
  });

  it('shows reads unless the reader hides them', async () => {
    const api = mockApi();
    await renderPage(api);
    const showReads = await screen.findByRole('checkbox', {
      name: 'Show reads',
    });
    expect(showReads).toBeChecked();
    await userEvent.click(showReads);
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: { minSeverity: 'medium' },
        cursor: undefined,
        limit: 25,
      }),
    );
    expect(showReads).not.toBeChecked();
    // Suggestions follow: no actor who only read.
    await waitFor(() =>
      expect(api.getSuggestions).toHaveBeenLastCalledWith({
        filters: { minSeverity: 'medium' },
      }),
    );

    // Asking for low-severity events shows reads again rather than finding nothing.
    await userEvent.click(screen.getByLabelText('Severity'));
    await userEvent.click(await screen.findByRole('option', { name: 'Low' }));
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith({
        filters: { minSeverity: 'low', severity: 'low' },
        cursor: undefined,
        limit: 25,
      }),
    );
    expect(showReads).toBeChecked();
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
    // The exact time in the reader's language and zone (10:15:30 UTC in Oslo), next to how long ago.
    expect(renderedText(dialog)).toMatch(
      /Time\s*\d+ months? ago \(4 May 2026, 12:15:30 CEST\)/,
    );
    expect(
      await within(dialog).findByRole('link', { name: 'Alice Adams' }),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('user:default/alice')).toBeInTheDocument();
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
      await screen.findByText(
        /Chain intact from event 1 to 90 \(90 events\), verified/,
      ),
    ).toBeInTheDocument();
  });
});
