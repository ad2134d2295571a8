import { expect, test } from '@playwright/test';
import { signInAs } from './signInAs';

test('a platform admin publishes news, everyone sees it and is notified; a developer answers with a note the platform team reads', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const title = `Database copies are masked by default (${Date.now()})`;

  await signInAs(page, 'Carol Chen');
  await page.goto('/slipway/news');
  await page.getByLabel(/^Title/).fill(title);
  await page
    .getByLabel(/^Text \(Markdown\)/)
    .fill(
      'Ask for a copy on the **Platform** tab. <script>window.pwned = true</script>',
    );
  await page.getByLabel(/^Link/).fill('/docs/default/component/slipway');
  await page
    .getByRole('button', { name: 'Publish and notify everyone' })
    .click();
  await expect(page.getByRole('alert')).toContainText(
    `Published “${title}”; everyone was notified.`,
  );
  const article = page.getByRole('article', { name: title });
  await expect(article).toContainText('Ask for a copy on the Platform tab.');
  await expect(article).toContainText('Carol Chen');
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();

  // Bob, a developer, finds it on his home page, follows it to the news, and has a notification of it.
  const bobsContext = await browser.newContext();
  const bob = await bobsContext.newPage();
  await signInAs(bob, 'Bob Berg');
  const latest = bob.getByRole('list', { name: 'Latest platform news' });
  await latest.getByRole('link', { name: title }).click();
  await expect(bob).toHaveURL(/\/slipway\/news#news-[0-9a-f-]{36}$/);
  await expect(bob.getByRole('article', { name: title })).toBeVisible();
  // He may read, not publish.
  await expect(
    bob.getByRole('button', { name: 'Publish and notify everyone' }),
  ).toHaveCount(0);
  await bob.goto('/notifications');
  await expect(bob.getByText(`Platform news: ${title}`).first()).toBeVisible();

  // Bob answers from his home page with a note to the platform team…
  const note = `Could copies keep the sequences too? (${Date.now()})`;
  await bob.goto('/');
  const tell = bob.getByRole('form', { name: 'Tell the platform team' });
  await tell.getByLabel(/What should the platform team know/).fill(note);
  await tell.getByRole('button', { name: 'Send to the platform team' }).click();
  await expect(tell.getByRole('alert')).toHaveText(
    'Sent. The platform team reads it on Platform → Feedback.',
  );
  await bobsContext.close();

  // …which Carol reads on Platform → Feedback, with his name.
  await page.goto('/slipway/feedback');
  const notes = page.getByRole('list', { name: 'Notes to the platform team' });
  await expect(
    notes.getByRole('listitem').filter({ hasText: note }),
  ).toContainText('Bob Berg');
});
