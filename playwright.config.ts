import { defineConfig } from '@playwright/test';

/** End-to-end specs run in Debian's Chromium against the browser host (no browser download). */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
      // Without a UTF-8 locale Chromium names a download with a Chinese file name just "download".
      env: { ...process.env, LANG: process.env.LANG || 'C.UTF-8' },
    },
    trace: 'retain-on-failure',
  },
});
