import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signInAs';

/**
 * axe-core (Deque's accessibility engine, the one behind Lighthouse's audit) on the main pages, as Alice sees them:
 * no serious or critical violation of WCAG 2.1 A/AA. The report names each rule and the elements that break it.
 */
// The portal's Content Security Policy forbids inline scripts, which is how the checker is put into the page.
test.use({ bypassCSP: true });

/**
 * Violations that come from Backstage's own components, not Slipway's, each with the upstream issue that tracks it.
 * Only these exact rule-and-element pairs are let through; anything else of the same rule still fails.
 */
const UPSTREAM: Array<{ rule: string; html: RegExp; issue: string }> = [
  {
    // Backstage's Table (the catalog's) is @material-table/core, whose sortable headers nest focusable elements.
    rule: 'nested-interactive',
    html: /MuiTableSortLabel-root/,
    issue: 'https://github.com/material-table-core/core/issues/929',
  },
  {
    // The new frontend system's page tabs (@backstage/ui, React Aria) point aria-controls at ids with ":".
    rule: 'aria-valid-attr-value',
    html: /bui-Tab/,
    issue: 'https://github.com/backstage/backstage/issues/35180',
  },
];

async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const results = await page.evaluate(() =>
    (window as any).axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      },
    }),
  );
  return (results.violations as any[])
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({
      rule: v.id,
      help: v.help,
      elements: (v.nodes as any[])
        .filter(
          n =>
            !UPSTREAM.some(
              known => known.rule === v.id && known.html.test(n.html),
            ),
        )
        .map(n => `${n.target.join(' ')}: ${n.failureSummary}`),
    }))
    .filter(v => v.elements.length > 0);
}

const pages: Array<{
  name: string;
  path: string;
  ready: (page: Page) => Promise<void>;
  /** Who looks (default Alice, a developer). */
  person?: string;
}> = [
  {
    name: 'the home page',
    path: '/',
    ready: async page => {
      await expect(
        page.getByRole('table', { name: 'Applications by environment' }),
      ).toBeVisible();
      await expect(page.getByText('Waiting for my approval')).toBeVisible();
    },
  },
  {
    name: 'the catalog',
    path: '/catalog',
    ready: async page => {
      await expect(
        page.getByRole('link', { name: 'Checkout API' }).first(),
      ).toBeVisible();
    },
  },
  {
    name: "an application's Platform tab",
    path: '/catalog/default/component/checkout-api/platform',
    ready: async page => {
      await expect(
        page.getByRole('button', { name: 'Promote in Staging' }),
      ).toBeVisible();
    },
  },
  {
    name: 'Approvals',
    path: '/slipway/approvals',
    ready: async page => {
      await expect(
        page.getByRole('heading', { name: /Approvals/ }).first(),
      ).toBeVisible();
    },
  },
  {
    name: 'Platform → News with its publishing form',
    path: '/slipway/news',
    person: 'Carol Chen',
    ready: async page => {
      await expect(
        page.getByRole('button', { name: 'Publish and notify everyone' }),
      ).toBeVisible();
    },
  },
  {
    name: 'Platform → Insights',
    path: '/slipway/insights',
    person: 'Carol Chen',
    ready: async page => {
      await expect(page.getByText('Applications restarted most')).toBeVisible();
    },
  },
  {
    name: 'Platform → Feedback',
    path: '/slipway/feedback',
    person: 'Carol Chen',
    ready: async page => {
      await expect(page.getByText('Notes to the platform team')).toBeVisible();
    },
  },
  {
    name: 'the audit log',
    path: '/audit-log',
    ready: async page => {
      await expect(page.getByRole('table').first()).toBeVisible();
    },
  },
];

for (const { name, path, ready, person } of pages) {
  test(`${name} has no serious accessibility violation`, async ({ page }) => {
    await signInAs(page, person ?? 'Alice Andersen');
    await page.goto(path);
    await ready(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
