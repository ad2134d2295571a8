import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signInAs } from './signInAs';
import { entityTitle, sidebarItem } from './portal';

test('an admin opens a system, then finds, opens and exports that read in the audit log', async ({
  page,
}) => {
  await signInAs(page, 'Carol Chen');

  // Something audited: reading an entity from the catalog (the catalog audits every read, with its entity ref).
  await page.goto('/catalog/default/system/payments');
  await expect(entityTitle(page, 'Payments')).toBeVisible();

  // Find it by filtering; the filters land in the URL, so the result can be shared.
  await sidebarItem(page, 'Audit log').click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Entity').fill('system:default/payments');
  await page.getByLabel('Event id').fill('entity-fetch');
  await page.getByLabel('Actor').fill('user:default/carol');
  await page.getByLabel('Text').fill('by-name/system/default/payments');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/entityRef=system%3Adefault%2Fpayments/);
  await expect(page).toHaveURL(/actor=user%3Adefault%2Fcarol/);

  // Every read is recorded twice: when it starts and with its outcome.
  const table = page.getByRole('table', { name: 'Audit events' });
  await expect(table.getByText('Succeeded').first()).toBeVisible();
  await expect(table.getByText('Initiated').first()).toBeVisible();
  const shown = (await table.getByRole('row').count()) - 1;
  expect(shown).toBeGreaterThanOrEqual(2);

  // Open the newest.
  await table
    .getByRole('button', { name: /Open event/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    'GET /api/catalog/entities/by-name/system/default/payments',
  );
  await expect(dialog).toContainText('user:default/carol (user)');
  await expect(dialog).toContainText('catalog · entity-fetch');
  await expect(page).toHaveURL(/event=\d+/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Export what the filters select, and read the files.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^audit-log-.+\.csv$/);
  const lines = (await readFile(await csvDownload.path(), 'utf8'))
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toMatch(/^seq,occurredAt,plugin,eventId,severity,status,/);
  expect(lines.length - 1).toBeGreaterThanOrEqual(shown);
  for (const line of lines.slice(1)) {
    expect(line).toMatch(
      /^\d+,[^,]+,catalog,entity-fetch,low,(initiated|succeeded),/,
    );
    expect(line).toContain('user:default/carol');
    expect(line).toContain('system:default/payments');
  }

  const [ndjsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export NDJSON' }).click(),
  ]);
  const events = (await readFile(await ndjsonDownload.path(), 'utf8'))
    .trimEnd()
    .split('\n')
    .map(line => JSON.parse(line));
  expect(events.length).toBe(lines.length - 1);
  for (const event of events) {
    expect(event).toMatchObject({
      plugin: 'catalog',
      eventId: 'entity-fetch',
      actor: { type: 'user', id: 'user:default/carol' },
      entityRefs: ['system:default/payments'],
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  }

  // The system's Activity tab shows its events too.
  await page.goto('/catalog/default/system/payments/activity');
  await expect(
    page
      .getByRole('table', { name: 'Audit events' })
      .getByText('entity-fetch')
      .first(),
  ).toBeVisible();
});
