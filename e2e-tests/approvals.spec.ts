import { expect, test } from '@playwright/test';
import { expectWholeWords } from './layout';
import { signInAs } from './signInAs';

// start-portal.sh points the demo's database copies at the test PostgreSQL and makes Checkout API's "production"
// database there; without that server the copy has nowhere to go.
test.skip(
  !process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
  'database copies need BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
);

test('a copy of the production database waits for a second person, who approves it; then it is made', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'Alice Andersen');
  await page.goto('/catalog/default/component/checkout-api/platform');
  await page
    .getByRole('button', { name: 'Copy production database in Development' })
    .click();
  const dialog = page.getByRole('dialog');
  // The masking box shows what will happen: Checkout API's database has a masking script, so it starts checked.
  await expect(
    dialog.getByRole('checkbox', { name: /masking/i }),
  ).toBeChecked();
  await dialog
    .getByRole('button', { name: 'Copy production database', exact: true })
    .click();
  const log = dialog.getByRole('log', { name: 'Run log' });
  await expect(log).toContainText('Waiting for approval');
  await expect(dialog.getByText('Awaiting approval')).toBeVisible();

  // Alice cannot approve her own run: it is not on her approvals page.
  const alicesApprovals = await page.context().newPage();
  await alicesApprovals.goto('/slipway/approvals');
  await expect(
    alicesApprovals.getByText('Nothing waits for you'),
  ).toBeVisible();
  await alicesApprovals.close();

  // Dave, a second owner of Checkout API, approves it in his own session.
  const daveContext = await browser.newContext();
  const dave = await daveContext.newPage();
  await signInAs(dave, 'Dave Dubois');
  await dave.goto('/slipway/approvals');
  const waiting = dave
    .getByRole('table', { name: 'Runs waiting for approval' })
    .getByRole('row')
    .filter({ hasText: 'Checkout API' })
    .filter({ hasText: 'Copy production database' });
  await expect(waiting).toContainText('Alice Andersen');
  await expectWholeWords(
    dave.getByRole('table', { name: 'Runs waiting for approval' }),
  );
  await waiting.getByRole('button', { name: 'Approve' }).click();
  const decision = dave.getByRole('dialog');
  await decision
    .getByRole('textbox', { name: 'Comment' })
    .fill('For the refund bug');
  await decision.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(dave.getByText('Nothing waits for you')).toBeVisible();
  await daveContext.close();

  // Alice's dialog follows the run: approved, then copied (and masked).
  await expect(log).toContainText(
    'Approved by Dave Dubois: For the refund bug',
  );
  await expect(
    dialog.getByRole('alert').filter({ hasText: 'Copied checkout' }),
  ).toContainText('into', { timeout: 90_000 });
  await expect(dialog.getByText('Succeeded')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  const copies = page.getByRole('list', { name: 'Database copies' });
  const copy = copies.getByRole('listitem').filter({ hasText: 'Ready' });
  await expect(copy).toHaveCount(1);
  await expect(copy).toContainText(
    'checkout-db from Production into Development, masked',
  );
  // A live copy says when it will be dropped, in words; it links to the run that made it; no word is split.
  await expect(copy).toContainText(/Ready, expires in \d+ hours/);
  await expect(
    copy.getByRole('link', { name: /^The run that made / }),
  ).toHaveAttribute('href', /\?run=[0-9a-f-]{36}$/);
  await expectWholeWords(copies);

  // Clean up: drop the copy (the browser asks to confirm).
  page.once('dialog', confirm => confirm.accept());
  await copy.getByRole('button', { name: 'Destroy' }).click();
  await expect(
    copies.getByRole('listitem').filter({ hasText: 'Ready' }),
  ).toHaveCount(0);
});
