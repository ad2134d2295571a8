import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/*
 * What a platform engineer checks after following docs/install.md (its step 7), in the app run.sh created: the
 * application from the GitOps repository has a Platform tab with its environments and versions, and Promote previews
 * the change it would commit — a dry run, so the repository is left as it was.
 */
const work = process.env.SLIPWAY_INSTALL_TEST_DIR!;
const classic = process.env.SLIPWAY_INSTALL_TEST_FRONTEND === 'classic';
const prodManifest = () =>
  execFileSync(
    'git',
    ['--git-dir', join(work, 'gitops.git'), 'show', 'main:apps/hello-api.yaml'],
    { encoding: 'utf8' },
  );

test('the new app shows an application’s Platform tab, and Promote previews its change', async ({
  page,
}) => {
  const before = prodManifest();
  // The new app's own sign-in page: its guest provider.
  await page.goto('/catalog/default/component/hello-api');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('heading', { name: 'Hello API' })).toBeVisible();

  await (classic
    ? page.getByRole('tab', { name: 'Platform' })
    : page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link', { name: 'Platform', exact: true })
  ).click();
  const table = page.getByRole('table', { name: 'Environments' });
  await expect(table.getByRole('row', { name: /Development/ })).toContainText(
    '1.1.0',
  );
  await expect(table.getByRole('row', { name: /Production/ })).toContainText(
    '1.0.0',
  );
  await page.screenshot({ path: join(work, 'platform.png') });

  await page.getByRole('button', { name: 'Promote in Production' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    'Production: 1.0.0 → 1.1.0 (the version of Development)',
  );
  await dialog.getByRole('button', { name: 'Preview the change' }).click();
  await expect(dialog.getByLabel('Manifest diff')).toContainText(
    '+      version: 1.1.0',
  );
  await page.screenshot({ path: join(work, 'promote-preview.png') });
  expect(prodManifest()).toBe(before);
});
