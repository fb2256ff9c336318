import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium';

// E2E_PORT lets several checkouts on one machine run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  // In CI (.ci/run exports CI=true) a stray test.only fails the run instead of skipping the rest.
  forbidOnly: !!process.env.CI,
  // Training on the software WebGPU adapter is slow and takes both cores: one test at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 10 * 60_000,
  expect: { timeout: 30_000 },
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: chromiumLaunchOptions({ forTests: true }),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    // `npm start` prepares the data if missing, builds, and serves the production bundle, here with
    // the test-only fault hooks compiled in (src/protocol/faults.ts): the worker-fault spec needs them.
    command: `npm start -- --port ${port}`,
    env: { ALEXNET_FAULT_HOOKS: '1' },
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 10 * 60_000,
    stdout: 'pipe',
  },
});
