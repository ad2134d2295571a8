import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e-tests/chromium';

/*
 * The install test's browser check (run.sh starts the new app and sets SLIPWAY_INSTALL_TEST_URL). Same Chromium as
 * the repository's own browser tests (SLIPWAY_CHROMIUM_PATH).
 */
const work = process.env.SLIPWAY_INSTALL_TEST_DIR ?? 'install-test-results';

export default defineConfig({
  testDir: '.',
  testMatch: 'install.spec.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: `${work}/playwright-results`,
  use: {
    ...devices['Desktop Chrome'],
    baseURL: process.env.SLIPWAY_INSTALL_TEST_URL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
