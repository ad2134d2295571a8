import { expect, Page } from '@playwright/test';

/**
 * Signs in on the demo sign-in page as one of the people of the demo organisation (by the title on their card), and
 * waits for the portal. A portal that has only just started may not have read its people into the catalog yet
 * ("Could not sign in"): then it chooses again until the catalog knows them.
 */
export async function signInAs(page: Page, title: string) {
  await page.goto('/');
  // The portal's sidebar (on a laptop) or bottom bar (on a phone; unlabelled) is there only once someone is signed in;
  // the nav element itself may measure as hidden, so it is waited for in the page, not on the screen.
  const portal = page.locator('nav').first();
  await expect(async () => {
    if (await portal.count()) return;
    const again = page.getByRole('button', { name: 'Choose someone else' });
    if (await again.isVisible()) await again.click();
    const person = page.getByRole('button', { name: `Sign in as ${title}` });
    if (await person.isVisible()) await person.click();
    await expect(portal).toBeAttached({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
}
