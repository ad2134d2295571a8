import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signInAs';
import { entityTab, entityTitle } from './portal';

/** Where start-portal.sh makes the portal create local repositories (SLIPWAY_REPOSITORIES_DIR). */
const repositories = join(
  process.cwd(),
  '.data',
  `e2e-${process.env.SLIPWAY_E2E_PORT ?? 7077}`,
  'repositories',
);

/** Picks an entity in an EntityPicker or OwnerPicker field by typing part of its title. */
async function pick(page: Page, field: string, title: string) {
  const input = page.getByRole('textbox', { name: field, exact: true });
  await input.click();
  await input.fill(title);
  await page.getByRole('option', { name: title, exact: true }).click();
}

test('a developer creates a new service from the template and opens it in the catalog', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Unique, so that the test also passes against a portal that is already running.
  const name = `invoice-${Date.now().toString(36)}`;

  await signInAs(page, 'Alice Andersen');
  await page.goto('/create');
  // Each template card has its title (a level 4 heading) and a Choose button, in the same order.
  const titles = page.getByRole('heading', { level: 4 });
  await expect(titles.filter({ hasText: 'New service' })).toBeVisible();
  const card = (await titles.allTextContents()).indexOf('New service');
  await page.getByRole('button', { name: 'Choose' }).nth(card).click();

  // The form checks the name's format before it lets the person go on.
  const nameField = page.getByRole('textbox', { name: 'Name', exact: true });
  await nameField.fill('Invoice API');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Issues and lists invoices');
  await pick(page, 'Owner', 'Payments');
  await pick(page, 'System', 'Payments');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('must match pattern').first()).toBeVisible();

  await nameField.fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'PostgreSQL database' }).check();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(name).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The run: every step passes, and the output links to the new application.
  const open = page.getByRole('link', { name: `Open ${name} in the catalog` });
  await expect(open).toBeVisible({ timeout: 90_000 });
  await expect(
    page
      .getByTestId('text-output-box')
      .getByText(`git clone file://${repositories}/${name}.git`),
  ).toBeVisible();

  // The repository exists on the portal's machine, with the rendered skeleton.
  const readme = execFileSync(
    'git',
    ['--git-dir', join(repositories, `${name}.git`), 'show', 'main:README.md'],
    { encoding: 'utf8' },
  );
  expect(readme).toContain('Issues and lists invoices');

  // The catalog reads the GitOps repository when the manifest is committed (the change event; the scheduled read
  // comes every 30 s otherwise), and the application is there.
  await open.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  // The page exists at once and says "Entity not found" until the catalog has processed the new entity.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByText('Issues and lists invoices').first(),
    ).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(entityTitle(page, name)).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'payments' }).first(),
  ).toBeVisible();

  // Its Platform tab shows dev at the version the template started it with, and the database it declared.
  await entityTab(page, 'Platform').click();
  const environments = page.getByRole('table', { name: 'Environments' });
  await expect(environments.getByRole('row').nth(1)).toContainText('0.1.0');
  await expect(page.getByText(`${name}-db`).first()).toBeVisible();
});
