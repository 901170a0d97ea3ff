import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run test:e2e`): the real server in a child process, Debian's Chromium driven
 * by playwright-core. One file at a time: each starts its own server and browser.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // The first run builds the web app (vite build) before the server starts.
    hookTimeout: 300_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
