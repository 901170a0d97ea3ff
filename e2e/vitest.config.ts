import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run test:e2e`): the real server in a child process, Debian's Chromium driven
 * by playwright-core. The global setup builds the web app and starts one server per dialect, shared
 * by all files; one file at a time (per dialect), each with its own browser.
 * `npm run test:e2e` runs this config once per dialect, both at the same time (e2e/support/run.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    // A file that starts a server of its own (work-loop: SMTP) waits for its migrations and seed.
    hookTimeout: 360_000,
    // One file at a time: the files of a dialect share its server (see e2e/support/server.ts).
    fileParallelism: false,
    maxWorkers: 1,
  },
});
