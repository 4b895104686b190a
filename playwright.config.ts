import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests of the web app in Debian's Chromium (no browser download) against
 * `npm start -- --memory` on a random port. Run by `npm test` after vitest.
 */
process.env.E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000));
const port = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // As someone who asked their system for less motion: dialogs open at once, so no click lands on a
    // dialog still zooming in (a click then was lost twice in CI). console-d checks dialogs don't animate.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // One server for the whole run, and its business clock only moves forward: the recruitment
  // spec moves it a day (to end a notice). The web app dates its forms by that clock (each answer's
  // x-business-time), so specs take today from /local/clock (clockNow), never from the browser.
  // The phone and sign-in specs still run first: they take this month from the real clock.
  projects: [
    {
      name: 'chromium',
      testMatch: /web-.*\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    {
      name: 'console',
      testMatch: /console-.*\.spec\.ts/,
      dependencies: ['chromium'],
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
  webServer: {
    command: 'npm start -- --memory',
    url: `http://127.0.0.1:${port}/health`,
    env: { PORT: String(port), LOG_REQUESTS: '0' },
    timeout: 240_000,
    // E2E_PORT pointing at a running `npm start -- --memory` (fresh data) skips starting one.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
