import { expect, test } from '@playwright/test';
import { signInAs } from './signInAs';
import { entityTitle } from './portal';

test('a developer signs in, browses the catalog and opens a system', async ({
  page,
}) => {
  await signInAs(page, 'Alice Andersen');

  await page.goto('/catalog?filters[kind]=system&filters[user]=all');
  const row = page.getByRole('row', { name: /Payments/ });
  await expect(row).toBeVisible();
  await expect(page.getByRole('row', { name: /Storefront/ })).toBeVisible();
  await row.getByRole('link', { name: 'Payments' }).first().click();

  await expect(page).toHaveURL(/\/catalog\/default\/system\/payments/);
  await expect(entityTitle(page, 'Payments')).toBeVisible();
  await expect(
    page.getByText('Takes payments, issues invoices and refunds').first(),
  ).toBeVisible();
  // The About card names the owning team as a link to its page.
  await expect(
    page.getByRole('link', { name: 'payments' }).first(),
  ).toBeVisible();
});

test('the signed-in person is who the demo sign-in chose', async ({ page }) => {
  await signInAs(page, 'Bob Berg');
  await page.goto('/settings');
  await expect(page.getByText('Bob Berg').first()).toBeVisible();
  await expect(page.getByText('bob@acme.example')).toBeVisible();
  // Ownership comes from the catalog: Bob's team is Storefront.
  await expect(page.getByRole('link', { name: 'Storefront' })).toBeVisible();
});
