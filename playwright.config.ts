// Playwright drives Debian's Chromium (never a downloaded browser) against the real server
// binary on loopback, with a fresh temporary data directory (real SQLite file) per run.
import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOptions } from './tests/chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 18080);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'etalase-e2e-'));
const server = process.env.ETALASE_SERVER_BIN ?? 'target/debug/etalase-server';
// A second server as a district starts one: no demo data, the first admin made on the
// command line (tests/e2e/launch.spec.ts). The specs read its address from the environment.
const launchPort = port + 1;
const launchDir = mkdtempSync(join(tmpdir(), 'etalase-e2e-launch-'));
process.env.E2E_LAUNCH_URL = `http://127.0.0.1:${launchPort}`;
process.env.E2E_LAUNCH_ADMIN_WHATSAPP = '0812 9000 0001';
process.env.E2E_LAUNCH_ADMIN_PASSWORD = 'dpmd-kukar-2026';
// A third whose catalog counts as too large for a phone to search: every search with words
// goes to the server (tests/e2e/server_search.spec.ts). Its 300 generated listings make
// queries of more than one page of the server's answers.
const serverSearchPort = port + 2;
const serverSearchDir = mkdtempSync(join(tmpdir(), 'etalase-e2e-search-'));
process.env.E2E_SERVER_SEARCH_URL = `http://127.0.0.1:${serverSearchPort}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'artifacts/test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Our users' phones ask for Indonesian; the server sends an English browser's first
    // visit to the English pages (tests that want English ask for it).
    locale: 'id-ID',
    launchOptions: launchOptions(),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'phone', use: { ...devices['Pixel 5'], viewport: { width: 390, height: 844 }, browserName: 'chromium' } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 }, browserName: 'chromium' } },
  ],
  webServer: [
    {
      // Every test's inquiries come from 127.0.0.1; the inbox paging test alone sends 21 per
      // project, over the default limit of 10 per client in 10 minutes (the server's own
      // tests check that limit).
      command: `${server} --port ${port} --data-dir ${dataDir} --dist dist --inquiry-limit 200`,
      // Notices go to the test command's SMTP server on loopback, when it runs one.
      env: process.env.ETALASE_TEST_SMTP
        ? {
            ETALASE_SMTP_URL: `smtp://${process.env.ETALASE_TEST_SMTP}`,
            ETALASE_MAIL_FROM: 'Etalase Desa <pemberitahuan@etalase.test>',
            ETALASE_PUBLIC_URL: `http://127.0.0.1:${port}`,
          }
        : {},
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command:
        `${server} staff add --data-dir ${launchDir} --role admin --name 'Admin DPMD Kukar' --whatsapp '${process.env.E2E_LAUNCH_ADMIN_WHATSAPP}'` +
        ` && exec ${server} --no-demo --port ${launchPort} --data-dir ${launchDir} --dist dist`,
      env: { ETALASE_STAFF_PASSWORD: process.env.E2E_LAUNCH_ADMIN_PASSWORD },
      url: `http://127.0.0.1:${launchPort}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: `${server} --port ${serverSearchPort} --data-dir ${serverSearchDir} --dist dist --demo-listings 300 --search-on-server-above 10`,
      url: `http://127.0.0.1:${serverSearchPort}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
