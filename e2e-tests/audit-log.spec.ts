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

  // The chain's verification says when, in words, with a space before them (as laid out, not only in the DOM).
  const verification = page.getByLabel('Chain verification');
  await verification.getByRole('button', { name: 'Verify now' }).click();
  await expect(verification).toContainText(
    /Chain intact from event 1 to \d+ \(\d+ events\), verified (now|\d+ seconds? ago)\./,
    { useInnerText: true },
  );

  // People and actions are picked by name from what was recorded; a pick applies at once.
  await page.getByLabel('Actor', { exact: true }).fill('Carol');
  await page.getByRole('option', { name: /Carol Chen/ }).click();
  await expect(page).toHaveURL(/actor=user%3Adefault%2Fcarol/);
  await expect(page.getByLabel('Actor', { exact: true })).toHaveValue(
    'Carol Chen',
  );
  await page.getByLabel('Event', { exact: true }).click();
  await page.getByRole('option', { name: /entity-fetch/ }).click();
  await expect(page).toHaveURL(/eventId=entity-fetch/);
  await page
    .getByLabel('Entity', { exact: true })
    .fill('system:default/payments');
  await page
    .getByLabel('Text', { exact: true })
    .fill('by-name/system/default/payments');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/entityRef=system%3Adefault%2Fpayments/);

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
  await expect(dialog.getByRole('link', { name: 'Carol Chen' })).toBeVisible();
  await expect(dialog).toContainText('user:default/carol');
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

  // The system's Activity tab shows what changed; the reads of every page view are behind a switch.
  await page.goto('/catalog/default/system/payments/activity');
  const activity = page.getByRole('table', { name: 'Audit events' });
  const showReads = page.getByRole('checkbox', { name: 'Show reads' });
  await expect(showReads).not.toBeChecked();
  await expect(activity.or(page.getByText('No changes yet'))).toBeVisible();
  await expect(page.getByText('entity-fetch')).toHaveCount(0);
  await showReads.click();
  await expect(page).toHaveURL(/minSeverity=low/);
  await expect(activity.getByText('entity-fetch').first()).toBeVisible();
  await expect(
    activity.getByRole('link', { name: 'Carol Chen' }).first(),
  ).toBeVisible();
});
