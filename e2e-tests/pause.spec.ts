import { expect, test } from '@playwright/test';
import { signInAs } from './signInAs';

test('an owner pauses the billing worker in Development, sees since when, resumes it and rates the run', async ({
  page,
}) => {
  await signInAs(page, 'Alice Andersen');
  await page.goto('/catalog/default/component/billing-worker/platform');
  const table = page.getByRole('table', { name: 'Environments' });
  const dev = table.getByRole('row', { name: /Development/ });
  await expect(dev).toContainText('2.1.0');

  // Running, it offers Pause (Resume would have nothing to do); production is never paused.
  const pauseButton = page.getByRole('button', {
    name: 'Pause in Development',
  });
  const resume = page.getByRole('button', { name: 'Resume in Development' });
  await expect(resume).toHaveCount(0);
  const pauseProduction = page.getByRole('button', {
    name: 'Pause in Production',
  });
  await expect(pauseProduction).toBeDisabled();
  await pauseProduction.hover();
  await expect(page.getByRole('tooltip')).toContainText(
    'Slipway never pauses Production: it is a production environment.',
  );

  await pauseButton.click();
  const pause = page.getByRole('dialog');
  await pause
    .getByRole('textbox', { name: /Why/ })
    .fill('Nobody tests billing this week');
  await pause.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(
    pause.getByRole('alert').filter({ hasText: 'Paused dev, committed' }),
  ).toBeVisible();
  await pause.getByRole('button', { name: 'Close' }).click();

  // The Platform tab says so at once, and offers Resume instead of Pause.
  await expect(dev).toContainText('Paused');
  await expect(pauseButton).toHaveCount(0);
  await expect(resume).toBeEnabled();
  await resume.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(
    dialog.getByRole('alert').filter({ hasText: 'Resumed dev, committed' }),
  ).toBeVisible();
  // The run ended: Alice tells the platform team it helped.
  await dialog.getByRole('button', { name: 'Yes, it helped' }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    'You rated this run helpful. The platform team sees it.',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dev).not.toContainText('Paused');
  await expect(resume).toHaveCount(0);
  await expect(pauseButton).toBeEnabled();
});
