import { mkdir } from 'node:fs/promises';
import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signInAs';

/*
 * Screenshots of the main pages on a laptop and on a phone, for people to look at (an issue's closing note, a
 * review): not a test of anything, so CI skips it. Run it with
 *
 *   SLIPWAY_SCREENSHOTS=1 yarn playwright test e2e-tests/screenshots.spec.ts --reporter=list
 *
 * (`--reporter=list`: the HTML reporter empties e2e-test-report/ when it writes, and the PNGs go under it, to
 * e2e-test-report/screenshots/<page>-<width>x<height>.png).
 */
test.skip(
  !process.env.SLIPWAY_SCREENSHOTS,
  'screenshots are taken on request (SLIPWAY_SCREENSHOTS=1), not in CI',
);

const dir = 'e2e-test-report/screenshots';
const sizes = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

/** Signs in, again if the portal had only just started and did not know the person yet. */
const signIn = (page: Page, title: string) =>
  expect(() => signInAs(page, title)).toPass({ timeout: 180_000 });

async function shoot(page: Page, name: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    // Let the layout (and useMediaQuery) settle at the new size.
    await page.waitForTimeout(500);
    await page.screenshot({
      path: `${dir}/${name}-${size.width}x${size.height}.png`,
      fullPage: true,
    });
  }
}

test.setTimeout(600_000);

test('the Platform tab, Approvals, the home page, the Audit log and Insights on a laptop and a phone', async ({
  page,
  browser,
}) => {
  await mkdir(dir, { recursive: true });
  await signIn(page, 'Alice Andersen');

  // A run that waits for approval, so the Approvals page has something to show to a second owner.
  await page.goto('/catalog/default/component/checkout-api/platform');
  await page
    .getByRole('button', { name: 'Copy production database in Development' })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByRole('button', { name: 'Copy production database', exact: true })
    .click();
  await expect(dialog.getByText('Awaiting approval')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await expect(page.getByRole('table', { name: 'Runs' })).toContainText(
    'Copy production database',
  );
  await shoot(page, 'platform-tab');

  // A paused environment: the billing worker's Development, paused by Alice.
  await page.goto('/catalog/default/component/billing-worker/platform');
  await page.getByRole('button', { name: 'Pause in Development' }).click();
  const pause = page.getByRole('dialog');
  await pause.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(
    pause.getByRole('alert').filter({ hasText: 'Paused dev, committed' }),
  ).toBeVisible();
  await pause.getByRole('button', { name: 'Close' }).click();
  await expect(
    page.getByRole('button', { name: 'Resume in Development' }),
  ).toBeVisible();
  await shoot(page, 'platform-tab-paused');

  const dave = await (await browser.newContext()).newPage();
  await signIn(dave, 'Dave Dubois');
  await dave.goto('/slipway/approvals');
  await expect(
    dave.getByRole('table', { name: 'Runs waiting for approval' }),
  ).toContainText('Alice Andersen');
  await shoot(dave, 'approvals');

  // Dave's home page: his team's applications, Alice's copy waiting for him.
  await dave.goto('/');
  await expect(
    dave.getByRole('list', { name: 'Runs waiting for my approval' }),
  ).toContainText('Copy production database');
  await shoot(dave, 'home');

  const carol = await (await browser.newContext()).newPage();
  await signIn(carol, 'Carol Chen');
  await carol.goto('/audit-log');
  await expect(carol.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(carol.getByRole('table').first()).toBeVisible();
  await shoot(carol, 'audit-log');

  // Insights on the demo's generated GitOps history, as a platform admin sees it.
  await carol.goto('/slipway/insights');
  await expect(
    carol.getByRole('table', {
      name: 'Applications with a manifest, week by week',
    }),
  ).toBeVisible();
  await expect(
    carol.getByRole('table', { name: 'Deployments per week and environment' }),
  ).toBeVisible();
  await shoot(carol, 'insights');
});
