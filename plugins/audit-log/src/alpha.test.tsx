import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import auditLogPlugin, { auditLogEntityContent } from './alpha';
import { AuditLogApi, auditLogApiRef } from './api';
import { makeEvent } from './__testUtils__/events';

describe('the audit log on the new frontend system', () => {
  it('has the extension ids docs/audit-log.md gives for app-config', () => {
    for (const id of [
      'page:audit-log',
      'entity-content:audit-log/activity',
      'api:audit-log',
    ] as const) {
      expect(auditLogPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('adds an Activity tab to every entity page', () => {
    const tester = createExtensionTester(auditLogEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Activity');
    expect(
      tester.get(EntityContentBlueprint.dataRefs.filterFunction),
    ).toBeUndefined();
  });

  it('serves the Audit log page with the events and no second header', async () => {
    const api: jest.Mocked<AuditLogApi> = {
      listEvents: jest.fn().mockResolvedValue({
        items: [makeEvent({ seq: 7, eventId: 'restart' })],
      }),
      getEvent: jest.fn(),
      exportEvents: jest.fn(),
      getSuggestions: jest.fn().mockResolvedValue({ actors: [], actions: [] }),
      getLatestVerification: jest.fn().mockResolvedValue(undefined),
      verifyChain: jest.fn(),
    };
    renderTestApp({
      features: [auditLogPlugin],
      apis: [
        [auditLogApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ],
      initialRouteEntries: ['/audit-log'],
      // Events link to the entities they are about.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('button', { name: 'Open event 7' }),
    ).toBeInTheDocument();
    // The app's page header carries the title; the page adds none of its own.
    expect(
      screen.queryByText(
        'Who did what, when, and with what outcome, across every plugin',
      ),
    ).not.toBeInTheDocument();
  });
});
