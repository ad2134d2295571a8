import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e-tests/chromium';

/*
 * Browser tests of the whole portal. Playwright starts the portal the way a user would (built frontend, served by the
 * backend on app-config.yaml plus e2e-tests/app-config.e2e.yaml, on a fresh SQLite directory) and drives Chromium.
 * SLIPWAY_CHROMIUM_PATH picks the browser binary (CI: Debian's /usr/bin/chromium); unset, Playwright uses its own.
 */
const port = Number(process.env.SLIPWAY_E2E_PORT ?? 7077);

export default defineConfig({
  testDir: 'e2e-tests',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
    // scripts/test-all.mjs reads the counts from this report.
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as ['json']] : []),
  ],
  outputDir: `e2e-test-results/${port}`,
  webServer: {
    command: 'bash e2e-tests/start-portal.sh',
    url: `http://localhost:${port}/.backstage/health/v1/readiness`,
    env: { SLIPWAY_E2E_PORT: String(port) },
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    // The portal's own log goes to e2e-test-results/portal-<port>.log (start-portal.sh).
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
