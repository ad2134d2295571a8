import { expect, test } from '@playwright/test';
import { expectWholeWords } from './layout';
import { signInAs } from './signInAs';

test('Insights shows a developer their teams’ applications and a platform admin every one, by period', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, 'Alice Andersen');
  await page.goto('/slipway/insights');
  await expect(page.getByText(/Your teams' applications/)).toBeVisible();
  // What the demo ran before (other tests run actions) or that nothing ran: never an empty chart without words.
  await expect(
    page
      .getByRole('table', { name: 'Runs by action' })
      .or(page.getByText(/No runs in this period/)),
  ).toBeVisible();

  // Adoption and delivery from the GitOps history (the demo's is generated over 26 weeks): Alice's team has three
  // applications (Checkout API, Billing worker, Payments Redis), and
  // those other tests make for it.
  const mine = page.getByRole('table', {
    name: 'Applications with a manifest, week by week',
  });
  await expect(mine).toBeVisible();
  const [, ours] = (
    await mine.getByRole('row').last().getByRole('cell').allTextContents()
  ).map(Number);
  expect(ours).toBeGreaterThanOrEqual(3);
  await expect(
    page.getByRole('table', { name: 'Deployments per week and environment' }),
  ).toBeVisible();

  const carolsContext = await browser.newContext();
  const carol = await carolsContext.newPage();
  await signInAs(carol, 'Carol Chen');
  await carol.goto('/slipway/insights');
  await expect(carol.getByText('Every application.')).toBeVisible();
  await carol.getByRole('button', { name: /Last 12 weeks/ }).click();
  await carol.getByRole('option', { name: 'Last 4 weeks' }).click();
  const perWeek = carol.getByRole('table', { name: 'Runs per week' });
  const nothing = carol.getByText(/No runs in this period/);
  await expect(perWeek.or(nothing)).toBeVisible();
  if (await perWeek.isVisible()) {
    await expect(perWeek.getByRole('row')).toHaveCount(1 + 4);
    // On a phone, the tables scroll within their card; no word or date is split across lines.
    await carol.setViewportSize({ width: 390, height: 844 });
    await expectWholeWords(perWeek);
    await expectWholeWords(
      carol.getByRole('table', { name: 'Runs by action' }),
    );
  }
  // Every application of the demo (and those other tests made), the deliberately broken manifest among them.
  const applications = carol.getByRole('table', {
    name: 'Applications with a manifest, week by week',
  });
  await expect(applications.getByRole('row')).toHaveCount(1 + 4);
  const [, count, problems] = (
    await applications
      .getByRole('row')
      .last()
      .getByRole('cell')
      .allTextContents()
  ).map(Number);
  expect(count).toBeGreaterThanOrEqual(10);
  expect(problems).toBeGreaterThanOrEqual(1);
  await expect(
    carol.getByText(/^Half of the \d+ releases to prod took up to/),
  ).toBeVisible();
  await expect(
    carol.getByRole('table', { name: 'Latest releases to production' }),
  ).toBeVisible();
  // Carol and Alice (at least) used the portal this week: the audit log counts them.
  const people = carol.getByRole('table', { name: 'Active people per week' });
  const [, thisWeek] = (
    await people.getByRole('row').last().getByRole('cell').allTextContents()
  ).map(Number);
  expect(thisWeek).toBeGreaterThanOrEqual(2);
  await carolsContext.close();
});
