import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** Picks a team or system in a SlipwayEntityPicker field by typing part of its title. */
async function pick(page: Page, field: string, title: string) {
  const input = page.getByRole('textbox', { name: field, exact: true });
  await input.click();
  await input.fill(title);
  await page.getByRole('option', { name: title, exact: true }).click();
  // The box keeps showing the title, not the reference the template stores.
  await expect(input).toHaveValue(title);
}

/** Opens the New service template's form. */
async function openNewService(page: Page) {
  await page.goto('/create');
  // Each template card has its title (a level 4 heading) and a Choose button, in the same order.
  const titles = page.getByRole('heading', { level: 4 });
  await expect(titles.filter({ hasText: 'New service' })).toBeVisible();
  const card = (await titles.allTextContents()).indexOf('New service');
  await page.getByRole('button', { name: 'Choose' }).nth(card).click();
}

test('a developer creates a new service from the template and opens it in the catalog', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Unique, so that the test also passes against a portal that is already running.
  const name = `invoice-${Date.now().toString(36)}`;

  await signInAs(page, 'Alice Andersen');
  await openNewService(page);

  // The form checks the name's format before it lets the person go on, and says the rule in words.
  const nameField = page.getByRole('textbox', { name: 'Name', exact: true });
  await nameField.fill('Invoice API');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Issues and lists invoices');
  await pick(page, 'Owner', 'Payments');
  await pick(page, 'System', 'Payments');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page
      .getByText(
        "Use lowercase letters, digits and '-', starting with a letter and not ending with '-'.",
      )
      .first(),
  ).toBeVisible();
  await expect(page.getByText('must match pattern')).toHaveCount(0);

  // A name the catalog already has is refused in the form, naming who has it.
  await nameField.fill('checkout-api');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page
      .getByText(
        '"checkout-api" is taken: Checkout API (an application) already has this name in the catalog. Choose another name.',
      )
      .first(),
  ).toBeVisible();
  await expect(
    page.getByRole('checkbox', { name: 'PostgreSQL database' }),
  ).toHaveCount(0);

  await nameField.fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'PostgreSQL database' }).check();
  await page.getByRole('button', { name: 'Review' }).click();
  // The review shows the values as the manifest will carry them: the owner as its reference.
  await expect(page.getByText(name).first()).toBeVisible();
  await expect(page.getByText('group:default/payments')).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The run lists the steps that run here: one creates the repository, and there is no GitHub in the local demo.
  const steps = page.getByTestId('step-label');
  await expect(steps).toHaveText([
    /Check the manifest/,
    /Write the code from the skeleton/,
    /Create the repository/,
    /Add the manifest to the GitOps repository/,
  ]);
  await expect(steps.filter({ hasText: /GitHub|Skipped/ })).toHaveCount(0);

  // The output links to the new application once the catalog has it.
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

  // The task ended once the catalog had the application: its page opens at once, never "Entity not found".
  const notFound: string[] = [];
  page.on('response', response => {
    if (
      response.url().includes(`/entities/by-name/component/default/${name}`) &&
      response.status() === 404
    ) {
      notFound.push(response.url());
    }
  });
  await open.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  await expect(entityTitle(page, name)).toBeVisible();
  await expect(
    page.getByText('Issues and lists invoices').first(),
  ).toBeVisible();
  await expect(page.getByText('Entity not found')).toHaveCount(0);
  expect(notFound).toEqual([]);
  await expect(
    page.getByRole('link', { name: 'payments' }).first(),
  ).toBeVisible();

  // Its Platform tab shows dev at the version the template started it with, and the database it declared.
  await entityTab(page, 'Platform').click();
  const environments = page.getByRole('table', { name: 'Environments' });
  await expect(environments.getByRole('row').nth(1)).toContainText('0.1.0');
  await expect(page.getByText(`${name}-db`).first()).toBeVisible();
});

test('a name that clashes when the template runs fails the run with a sentence, not a stack trace', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, 'Alice Andersen');
  await openNewService(page);
  // "checkout" is free in the catalog, but its database would be checkout-db, which Checkout API declares.
  await page
    .getByRole('textbox', { name: 'Name', exact: true })
    .fill('checkout');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('A second checkout');
  await pick(page, 'Owner', 'Payments');
  await pick(page, 'System', 'Payments');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'PostgreSQL database' }).check();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const sentence =
    'A component named "checkout-db" is already declared by checkout-api (apps/payments/checkout-api.yaml); choose another name';
  await expect(
    page.getByRole('heading', { name: `Error: ${sentence}` }),
  ).toBeVisible({ timeout: 60_000 });
  // The log the page opens says the same sentence, without a stack trace; the step that failed is the check.
  await expect(page.getByText(sentence).last()).toBeVisible();
  await expect(
    page.getByText(/at refuseNameConflicts|\.ts:\d+:\d+/),
  ).toHaveCount(0);
  // It failed at the check, before a repository was made.
  expect(existsSync(join(repositories, 'checkout.git'))).toBe(false);
});
