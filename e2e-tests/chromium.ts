/**
 * How every browser test of this repository starts Chromium (the portal's e2e tests and the install test):
 * SLIPWAY_CHROMIUM_PATH picks the binary (CI: Debian's /usr/bin/chromium, which needs these flags to run headless
 * as root without a GPU); unset, Playwright uses its own browser with its defaults.
 */
const chromiumPath = process.env.SLIPWAY_CHROMIUM_PATH || undefined;

export const chromiumLaunchOptions = {
  executablePath: chromiumPath,
  args: chromiumPath
    ? [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ]
    : [],
};
