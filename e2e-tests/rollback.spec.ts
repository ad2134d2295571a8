import { expect, test } from '@playwright/test';
import { signInAs } from './signInAs';

test('an owner promotes Checkout API to staging, rolls staging back, and sees the previous version', async ({
  page,
}) => {
  await signInAs(page, 'Alice Andersen');
  await page.goto('/catalog/default/component/checkout-api/platform');
  const table = page.getByRole('table', { name: 'Environments' });
  const staging = table.getByRole('row', { name: /Staging/ });
  await expect(staging).toContainText('1.4.1');

  // Staging ran earlier versions in the demo's generated history (packages/backend/src/modules/demoHistory.ts).
  const rollback = page.getByRole('button', { name: 'Rollback in Staging' });
  await expect(rollback).toBeEnabled();

  await page.getByRole('button', { name: 'Promote in Staging' }).click();
  const promote = page.getByRole('dialog');
  await promote.getByRole('button', { name: 'Promote', exact: true }).click();
  await expect(
    promote
      .getByRole('alert')
      .filter({ hasText: 'Promoted to staging: 1.4.2, committed' }),
  ).toBeVisible();
  await promote.getByRole('button', { name: 'Close' }).click();
  await expect(staging).toContainText('1.4.2');

  // Now staging ran 1.4.1 just before: the form offers it first, with when and by which commit it was deployed.
  await rollback.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Rollback checkout-api in Staging');
  const version = dialog.getByRole('button', {
    name: /^Version to go back to 1\.4\.1 — deployed .* UTC by .* \(commit [0-9a-f]{7}: Promote checkout-api to staging: 1\.4\.1/,
  });
  await expect(version).toBeVisible();
  await version.click();
  // Also the earlier ones, newest first.
  const options = page.getByRole('option');
  await expect(options.first()).toContainText('1.4.1');
  expect(await options.count()).toBeGreaterThan(1);
  await options.first().click();
  await dialog.getByRole('button', { name: 'Rollback', exact: true }).click();
  await expect(dialog.getByRole('log', { name: 'Run log' })).toContainText(
    'spec.environments.staging.version → 1.4.1 (back from 1.4.2)',
  );
  await expect(
    dialog.getByRole('alert').filter({
      hasText: 'Rolled back staging to 1.4.1 (from 1.4.2), committed',
    }),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The Platform tab shows the previous version at once; 1.4.2 is now the one to go back to.
  await expect(staging).toContainText('1.4.1');
  await expect(
    page
      .getByRole('table', { name: 'Runs' })
      .getByRole('row')
      .filter({ hasText: 'Rolled back staging to 1.4.1' }),
  ).toHaveCount(1);
});
