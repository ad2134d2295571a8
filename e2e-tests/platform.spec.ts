import { expect, test } from '@playwright/test';
import { signInAs } from './signInAs';
import { entityTab, entityTitle, sidebarItem } from './portal';

test('an application shows its environments, desired versions and links', async ({
  page,
}) => {
  await signInAs(page, 'Alice Andersen');
  await page.goto('/catalog/default/component/checkout-api');
  await entityTab(page, 'Platform').click();

  const table = page.getByRole('table', { name: 'Environments' });
  await expect(table).toBeVisible();
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toContainText('Development');
  await expect(rows.nth(1)).toContainText('1.4.2');
  await expect(rows.nth(2)).toContainText('Staging');
  await expect(rows.nth(2)).toContainText('1.4.1');
  await expect(rows.nth(3)).toContainText('Production');
  await expect(rows.nth(3)).toContainText('1.3.9 × 3');

  // The demo has no Argo CD, and says so instead of inventing a status.
  await expect(page.getByRole('alert')).toContainText(
    'Argo CD is not connected to this portal, so each environment shows the version its manifest wants',
  );
  // …as a neutral "Not connected", not as an alarm.
  await expect(rows.nth(3)).toContainText('Not connected');
  await expect(table.getByText('Unknown')).toHaveCount(0);
  const logs = rows.nth(3).getByRole('link', { name: /^Logs/ });
  await expect(logs).toHaveAttribute(
    'href',
    'https://logs.acme.example/search?q=app%3D%22checkout-api%22%20env%3D%22prod%22',
  );

  await expect(
    page.getByText('aws-secrets-manager: prod/checkout/db → password'),
  ).toBeVisible();
  await expect(
    page.getByText('Declared in apps/payments/checkout-api.yaml'),
  ).toBeVisible();

  // Its delivery over 90 days, from the demo's generated GitOps history: each environment's versions, newest first.
  const versions = page.getByRole('table', {
    name: 'Versions per environment, newest first',
  });
  await expect(
    versions.getByRole('row', { name: /^dev 1\.4\.2 / }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', {
        name: 'Actions run on this application, by outcome',
      })
      .or(
        page.getByText(
          'No action was run on this application in the last 90 days.',
        ),
      ),
  ).toBeVisible();
});

test('a system shows its applications × environments', async ({ page }) => {
  await signInAs(page, 'Bob Berg');
  await page.goto('/catalog/default/system/storefront');
  const matrix = page.getByRole('table', {
    name: 'Applications by environment',
  });
  await expect(matrix).toBeVisible();
  await expect(matrix.getByRole('row', { name: /Product API/ })).toContainText(
    '3.2.0',
  );
  await expect(
    matrix.getByRole('row', { name: /Catalog search/ }),
  ).toContainText('2.25.0');
});

test('the manifest problems page lists the broken manifest with file, line and reason', async ({
  page,
}) => {
  await signInAs(page, 'Carol Chen');
  await sidebarItem(page, 'Platform').click();
  await page.getByRole('tab', { name: 'Manifest problems' }).click();
  await expect(
    page.getByRole('heading', { name: 'Manifest problems' }),
  ).toBeVisible();
  const row = page.getByRole('row', { name: /spec\.lifecyle/ });
  await expect(row).toContainText('broken/legacy-reporting.yaml');
  await expect(row).toContainText('13:3');
  await expect(row).toContainText(
    'unknown field "lifecyle" in spec (did you mean "lifecycle"?)',
  );
  await expect(
    page.getByText(/9 applications and 3 systems in the catalog, 5 problems/),
  ).toBeVisible();
});

test('an entity that is not a Slipway application has no Platform tab', async ({
  page,
}) => {
  await signInAs(page, 'Alice Andersen');
  await page.goto('/catalog/default/resource/checkout-db');
  await expect(entityTitle(page, 'checkout-db')).toBeVisible();
  await expect(entityTab(page, 'Overview')).toBeVisible();
  await expect(entityTab(page, 'Activity')).toBeVisible();
  await expect(entityTab(page, 'Platform')).toHaveCount(0);
  // The Platform page itself is still one click away.
  await expect(sidebarItem(page, 'Platform')).toBeVisible();
});
