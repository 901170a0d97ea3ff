import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';

/**
 * BENCH_PROFILE=<dir>: runs `fn` CPU-profiled in the bench's own process and writes
 * `<name>.cpuprofile` there (open it in Chrome DevTools). For the workloads that run Kontor's code in
 * the bench's process ((13), (14)); their times include the profiler's overhead then.
 */
export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(resolve(dir), { recursive: true });
    writeFileSync(join(resolve(dir), `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
