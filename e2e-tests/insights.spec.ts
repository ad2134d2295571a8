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
  await carolsContext.close();
});
