/** Settings of one bench run, from the environment. */
export interface BenchConfig {
  /** Seconds of measured load per HTTP workload (BENCH_DURATION, default 10). */
  duration: number;
  /** Seconds of unmeasured warm-up before each HTTP workload. */
  warmup: number;
  /** Rows for the raw SQLite baselines and for the users table (BENCH_ROWS, default 1,000,000). */
  rows: number;
  /** Concurrent connections of the load generator (BENCH_CONNECTIONS, default 50). */
  connections: number;
  /** Faker seed: the same data on every run (BENCH_SEED, default 20261126). */
  seed: number;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number (got "${raw}")`);
  return Math.round(value);
}

export function loadBenchConfig(): BenchConfig {
  const duration = positiveInt('BENCH_DURATION', 10);
  return {
    duration,
    warmup: Math.max(1, Math.min(3, Math.round(duration / 4))),
    rows: positiveInt('BENCH_ROWS', 1_000_000),
    connections: positiveInt('BENCH_CONNECTIONS', 50),
    seed: positiveInt('BENCH_SEED', 20261126),
  };
}
