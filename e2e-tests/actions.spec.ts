import { expect, test } from '@playwright/test';
import { expectWholeWords } from './layout';
import { signInAs } from './signInAs';

test('an owner promotes from dev to staging, sees the new version and the run in the history', async ({
  page,
}) => {
  await signInAs(page, 'Bob Berg');
  await page.goto('/catalog/default/component/product-api/platform');
  const table = page.getByRole('table', { name: 'Environments' });
  await expect(table.getByRole('row', { name: /Staging/ })).toContainText(
    '3.1.4',
  );

  await page.getByRole('button', { name: 'Promote in Staging' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    'Staging: 3.1.4 → 3.2.0 (the version of Development)',
  );
  await dialog.getByRole('button', { name: 'Preview the change' }).click();
  await expect(dialog.getByLabel('Manifest diff')).toContainText(
    '+    staging: { version: 3.2.0 }',
  );
  await expect(dialog).toContainText(
    'Staging would go to 3.2.0 (the version of dev)',
  );
  await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
  await expect(dialog.getByRole('log', { name: 'Run log' })).toContainText(
    'spec.environments.staging.version → 3.2.0',
  );
  await expect(
    dialog
      .getByRole('alert')
      .filter({ hasText: 'Promoted to staging: 3.2.0, committed' }),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The environment wants the new version as soon as the commit is made, without pressing Refresh.
  await expect(table.getByRole('row', { name: /Staging/ })).toContainText(
    '3.2.0',
  );
  await expect(
    page.getByRole('button', { name: 'Promote in Staging' }),
  ).toBeDisabled();

  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(
    runs
      .getByRole('row')
      .filter({ hasText: 'staging' })
      .filter({ hasText: 'Succeeded' })
      .first(),
  ).toContainText('Promoted to staging: 3.2.0');
  await expectWholeWords(runs);

  // The preview was a read, not a run: the history holds the promote alone.
  await expect(
    runs.getByRole('row').filter({ hasText: 'Dry run' }),
  ).toHaveCount(0);

  // The run has an address of its own: opened again from it, it shows the run.
  await runs
    .getByRole('row')
    .filter({ hasText: 'Promoted to staging: 3.2.0' })
    .first()
    .getByRole('link')
    .first()
    .click();
  await expect(page).toHaveURL(/\/platform\?run=[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByRole('dialog')).toContainText(
    'Promoted to staging: 3.2.0, committed',
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page).not.toHaveURL(/run=/);

  await page.goto('/slipway/runs');
  await expect(page.getByRole('table', { name: 'Runs' })).toContainText(
    'Promoted to staging: 3.2.0',
  );
  // Bob is told of the promote's end in words. The preview told nobody: it came first, so a notice of its own would
  // be here already, and a preview's summary says what "would" happen.
  await page.goto('/notifications');
  await expect(
    page.getByText('Done — Promote: Product API in Staging').first(),
  ).toBeVisible();
  await expect(
    page.getByText('Promoted to staging: 3.2.0').first(),
  ).toBeVisible();
  await expect(page.getByText(/would go to|Dry run/)).toHaveCount(0);
});

test('someone of another team sees the buttons disabled, with the reason', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'Alice Andersen');
  await page.goto('/catalog/default/component/product-api/platform');
  const promote = page.getByRole('button', { name: 'Promote in Production' });
  await expect(promote).toBeDisabled();
  await promote.hover();
  await expect(page.getByRole('tooltip')).toContainText(
    'You may not run Promote on Product API in Production: it belongs to Storefront, and you are not part of it.',
  );
  // The keyboard reaches the reason too (as a click or a tap does), with the permission and references one step
  // further. Playwright's click() waits for an enabled element, and an aria-disabled button counts as disabled.
  await promote.focus();
  await page.keyboard.press('Enter');
  const why = page.getByRole('note', { name: 'Why not' });
  await expect(why).toContainText('it belongs to Storefront');
  await why.getByText('Technical detail').click();
  await expect(why).toContainText(
    'The permission policy does not let user:default/alice promote component:default/product-api in Production',
  );
  await page.keyboard.press('Escape');
  // What matters to Alice first is that she may not act here, not that Restart has no executor in the demo.
  await page.getByRole('button', { name: 'Restart in Development' }).hover();
  await expect(
    page.getByRole('tooltip').filter({
      hasText: 'You may not run Restart on Product API in Development',
    }),
  ).toBeVisible();

  // An owner is told why Restart is off: the demo has no executor for it, and the button says so.
  const bob = await (await browser.newContext()).newPage();
  await signInAs(bob, 'Bob Berg');
  await bob.goto('/catalog/default/component/product-api/platform');
  await bob.getByRole('button', { name: 'Restart in Development' }).hover();
  await expect(
    bob
      .getByRole('tooltip')
      .filter({ hasText: 'Restart is not set up for Development' }),
  ).toBeVisible();
});
