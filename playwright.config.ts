import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys in Debian's Chromium (never a downloaded browser) against the real server and
 * a fresh embedded database seeded with the demo city. The web app must be built first
 * (`npm run build:web`); the server serves packages/web/dist.
 */
const port = Number(process.env.E2E_PORT ?? 18180);
export const baseURL = `http://127.0.0.1:${port}`;
/** The development SMS channel of the server under test (registration codes); e2e/support.ts reads it. */
export const smsDir = join(tmpdir(), `tongban-e2e-sms-${port}`);

const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  // Generous: CI machines here have 2 cores shared by the server, the browser and the runner.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromium,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
    {
      name: 'phone',
      // Desk work (tests tagged @desk: window intake, staff and administration writes, catalogue
      // editing) runs once, at desktop width; phones cover the portal and the citizen's side.
      grepInvert: /@desk/,
      use: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, launchOptions: chromium },
    },
  ],
  webServer: {
    // e2e/serve.ts starts the server on a fresh temporary data folder and deletes it afterwards.
    command: `"${process.execPath}" e2e/serve.ts`,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    url: `${baseURL}/readyz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      // QR codes and share links point at the server under test, so the journeys can open them.
      PUBLIC_ORIGIN: baseURL,
      // E2E_WEB_DIST_DIR: a private build, so a rebuild of packages/web/dist during a run cannot pull the assets away.
      WEB_DIST_DIR: process.env.E2E_WEB_DIST_DIR ?? 'packages/web/dist',
      LOG_LEVEL: 'warn',
      // The window journeys read the demo residents' ID cards with the simulated reader.
      DEMO_CARD_READER: 'true',
      // Every journey logs in from the same address; the production limit would throttle the suite.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      // Text messages (registration codes) go to files the journeys read, as the number's owner would.
      SMS_PROVIDER: 'file',
      SMS_FILE_DIR: smsDir,
    },
  },
});
