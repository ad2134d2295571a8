import { expect, test } from '@playwright/test';
import { expectNoSidewaysScroll, expectWholeWords } from './layout';
import { sidebarItem } from './portal';
import { signInAs } from './signInAs';

test('no word is broken mid-word in the environments table, the system matrix or manifest problems', async ({
  page,
}) => {
  await signInAs(page, 'Alice Andersen');
  await page.goto('/catalog/default/component/checkout-api/platform');
  const environments = page.getByRole('table', { name: 'Environments' });
  await expect(environments.getByRole('row')).toHaveCount(4);
  await expectWholeWords(environments);

  await page.goto('/catalog/default/system/payments');
  const matrix = page.getByRole('table', {
    name: 'Applications by environment',
  });
  await expect(matrix.getByRole('row', { name: /Checkout API/ })).toBeVisible();
  await expectWholeWords(matrix);

  await sidebarItem(page, 'Platform').click();
  await page.getByRole('tab', { name: 'Manifest problems' }).click();
  const problems = page.getByRole('table', { name: 'Manifest problems' });
  await expect(
    problems.getByRole('row', { name: /spec\.lifecyle/ }),
  ).toBeVisible();
  await expectWholeWords(problems);

  // The check does see a split word: with cells that may break anywhere, on a narrow window, it fails.
  await page.addStyleTag({
    content: 'td { word-break: break-all !important; }',
  });
  await page.setViewportSize({ width: 480, height: 720 });
  await expect(expectWholeWords(problems)).rejects.toThrow(
    'words broken across lines',
  );
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the Platform tab shows each environment as a card with its buttons, and a tap on a disabled one says why', async ({
    page,
  }) => {
    await signInAs(page, 'Alice Andersen');
    await page.goto('/catalog/default/component/product-api/platform');

    // Cards, not an 830 px table scrolling sideways.
    const list = page.getByRole('list', { name: 'Environments' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await expect(page.getByRole('table', { name: 'Environments' })).toHaveCount(
      0,
    );
    await expectNoSidewaysScroll(list);

    for (const title of ['Development', 'Staging', 'Production']) {
      // Each card is titled with its environment, says what it wants, and holds that environment's buttons.
      const card = list.getByRole('region', { name: new RegExp(`^${title}`) });
      await expect(card.getByRole('heading', { level: 3 })).toContainText(
        title,
      );
      // (Not which version: the promote test moves Product API's Staging.)
      await expect(card).toContainText(/Manifest wants\d+\.\d+\.\d+/);
      const buttons = card.getByRole('button', {
        name: new RegExp(` in ${title}$`),
      });
      // The buttons come with the actions' availability, after the card: wait for them, then take them all.
      await expect(buttons.first()).toBeVisible();
      const cardBox = (await card.boundingBox())!;
      for (const button of await buttons.all()) {
        const box = (await button.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(cardBox.x);
        expect(box.x + box.width).toBeLessThanOrEqual(
          cardBox.x + cardBox.width,
        );
        expect(box.y).toBeGreaterThanOrEqual(cardBox.y);
        expect(box.y + box.height).toBeLessThanOrEqual(
          cardBox.y + cardBox.height,
        );
      }
      await expectWholeWords(card);
    }

    // A phone has no hover: a tap on a disabled button shows the reason.
    const promote = list
      .getByRole('region', { name: /^Production/ })
      .getByRole('button', { name: 'Promote in Production' });
    await expect(promote).toHaveAttribute('aria-disabled', 'true');
    // A finger on the button (Playwright's own tap() waits for an aria-disabled button to become enabled).
    // (In the middle of the screen: the bottom of a phone's window is the sidebar's bar.)
    await promote.evaluate(button =>
      button.scrollIntoView({ block: 'center' }),
    );
    const box = (await promote.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    const why = page.getByRole('note', { name: 'Why not' });
    await expect(why).toContainText(
      'You may not run Promote on Product API in Production: it belongs to Storefront, and you are not part of it.',
    );
    await expectNoSidewaysScroll(why);
  });
});
