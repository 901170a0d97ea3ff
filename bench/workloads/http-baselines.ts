import { join } from 'node:path';
import { startChildServer } from '../../scripts/child-server';
import type { BenchConfig } from '../support/config';
import { type LoadResult, runLoad } from '../support/load';

const BENCH_DIR = join(import.meta.dirname, '..');

/** Baseline (a): a bare Fastify hello-world JSON route in its own process. */
export async function helloWorldBaseline(cfg: BenchConfig, cwd: string): Promise<LoadResult> {
  const server = await startChildServer({
    entry: join(BENCH_DIR, 'servers', 'hello-world.ts'),
    cwd,
    readyPath: '/',
  });
  try {
    return await runLoad({ url: `${server.url}/`, ...cfg });
  } finally {
    await server.stop();
  }
}

/** Extra baseline: bare Fastify + better-sqlite3 primary-key lookup on the same users table. */
export async function sqliteLookupBaseline(
  cfg: BenchConfig,
  cwd: string,
  dbFile: string,
  ids: string[],
): Promise<LoadResult> {
  const server = await startChildServer({
    entry: join(BENCH_DIR, 'servers', 'sqlite-lookup.ts'),
    cwd,
    readyPath: '/health',
    env: { BENCH_DB: dbFile },
  });
  try {
    return await runLoad({ url: `${server.url}/`, ...cfg, paths: ids.map((id) => `/users/${id}`) });
  } finally {
    await server.stop();
  }
}
