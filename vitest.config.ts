import { defineConfig } from 'vitest/config';

const ALL = ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/src/**/*.test.ts'];
/** Test files that replace a module with `vi.mock`: they need a module registry of their own. */
const MOCKING = ['server/src/domains/billing/due-sweep-dunning.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more forks only fight over them (argon2 and SQLite are CPU-bound).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ALL,
          exclude: MOCKING,
          // Every test file imports the whole application; loading it once per worker instead of once
          // per file halves the suite (import time was 200 s of 320). Tests share no module state
          // that matters: each makes its own app, database and clock. A file that mocks a module
          // goes to the isolated project below.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
    ],
  },
});
