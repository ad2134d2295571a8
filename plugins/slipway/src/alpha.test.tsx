import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import slipwayPlugin, {
  slipwayPlatformEntityContent,
  slipwaySystemEnvironmentsEntityCard,
} from './alpha';
import { slipwayApiRef } from './api';
import { checkoutEntity, manifestReport } from './__testUtils__/fixtures';

const plainComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy-batch', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
};
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
};

describe('Slipway on the new frontend system', () => {
  it('has the extension ids docs/environments.md gives for app-config', () => {
    for (const id of [
      'page:slipway',
      'sub-page:slipway/runs',
      'sub-page:slipway/approvals',
      'sub-page:slipway/manifests',
      'entity-content:slipway/platform',
      'entity-card:slipway/system-environments',
      'api:slipway',
      'api:slipway/database-copies',
    ] as const) {
      expect(slipwayPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the Platform tab on Slipway applications only', () => {
    const tester = createExtensionTester(slipwayPlatformEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Platform');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(checkoutEntity)).toBe(true);
    expect(filter(plainComponent)).toBe(false);
    expect(filter(system)).toBe(false);
  });

  it('lets the app move the Platform tab elsewhere through config', () => {
    const tester = createExtensionTester(slipwayPlatformEntityContent, {
      config: { path: 'slipway', title: 'Environments' },
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Environments',
    );
  });

  it('puts the environments card on systems', () => {
    const tester = createExtensionTester(slipwaySystemEnvironmentsEntityCard);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(system)).toBe(true);
    expect(filter(checkoutEntity)).toBe(false);
  });

  it('serves the Platform page with its tabs, the manifest problems among them', async () => {
    renderTestApp({
      features: [slipwayPlugin],
      apis: [
        [slipwayApiRef, { getManifestReports: async () => [manifestReport] }],
      ],
      initialRouteEntries: ['/slipway/manifests'],
    });
    expect(await screen.findByText('broken/a.yaml')).toBeInTheDocument();
    for (const tab of ['My runs', 'Approvals', 'Manifest problems']) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }
  });
});
