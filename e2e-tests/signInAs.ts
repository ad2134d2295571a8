import { expect, Page } from '@playwright/test';

/** Signs in on the demo sign-in page as one of the people of the demo organisation (by the title on their card). */
export async function signInAs(page: Page, title: string) {
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${title}` }).click();
  await expect(page.getByText('Acme Catalog')).toBeVisible();
}
