import { expect, test } from '@playwright/test';
import { signInAs } from './signInAs';

test('the portal opens on a home page with my applications, what waits for my approval and my runs', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // Erin is on the data team: the home page shows the data team's applications, not the others'.
  await signInAs(page, 'Erin Eriksen');
  await expect(page).toHaveURL(/\/$/);
  const mine = page.getByRole('table', { name: 'Applications by environment' });
  await expect(
    mine.getByRole('row', { name: /Reporting warehouse/ }),
  ).toContainText('6.2.1');
  await expect(
    mine.getByRole('row', { name: /Weekly revenue report/ }),
  ).toContainText('1.0.0-rc.2');
  await expect(mine.getByRole('row', { name: /Checkout API/ })).toHaveCount(0);
  await expect(
    page.getByRole('link', { name: 'Create an application' }),
  ).toHaveAttribute('href', '/create');

  // A production promote waits for a second person…
  await page.goto('/catalog/default/component/warehouse/platform');
  await page.getByRole('button', { name: 'Promote in Production' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill('warehouse');
  await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
  await expect(dialog.getByText('Awaiting approval')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // …and Erin's home page lists it among her runs, in words.
  await page.goto('/');
  const erinsRuns = page.getByRole('list', { name: 'My recent runs' });
  const asked = erinsRuns
    .getByRole('listitem')
    .filter({ hasText: 'Promote: Reporting warehouse in Production' })
    .first();
  await expect(asked).toContainText('Awaiting approval');

  // Carol, a platform admin, finds it on her home page and follows it to Approvals, where she rejects it.
  const carolsContext = await browser.newContext();
  const carol = await carolsContext.newPage();
  await signInAs(carol, 'Carol Chen');
  const waiting = carol
    .getByRole('list', { name: 'Runs waiting for my approval' })
    .getByRole('listitem')
    .filter({ hasText: 'Promote: Reporting warehouse in Production' })
    .first();
  await expect(waiting).toContainText('asked by Erin Eriksen');
  await waiting.getByRole('link').click();
  // The link opens the run itself on Approvals; closed, the run is there to decide on.
  await expect(carol).toHaveURL(/\/slipway\/approvals\?run=[0-9a-f-]{36}$/);
  await expect(carol.getByRole('dialog')).toContainText('Reporting warehouse');
  await carol
    .getByRole('dialog')
    .getByRole('button', { name: 'Close' })
    .click();
  await carol
    .getByRole('row')
    .filter({ hasText: 'Reporting warehouse' })
    .getByRole('button', { name: 'Reject' })
    .click();
  const decision = carol.getByRole('dialog', {
    name: 'Reject Promote: Reporting warehouse in Production',
  });
  await decision
    .getByRole('textbox', { name: 'Comment' })
    .fill('Not during the reporting freeze');
  await decision.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(decision).toBeHidden();
  await carolsContext.close();

  // Erin's home page shows how it ended.
  await page.reload();
  await expect(
    page
      .getByRole('list', { name: 'My recent runs' })
      .getByRole('listitem')
      .filter({ hasText: 'Promote: Reporting warehouse in Production' })
      .first(),
  ).toContainText('Rejected');
});
