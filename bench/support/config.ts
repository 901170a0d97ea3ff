/** Settings of one bench run, from the environment. */
export interface BenchConfig {
  /** Seconds of measured load per HTTP workload (BENCH_DURATION, default 10). */
  duration: number;
  /** Seconds of unmeasured warm-up before each HTTP workload. */
  warmup: number;
  /**
   * Rows for the raw SQLite baselines and for the users table, and the size of the CRM data:
   * companies, contacts, deals (five stage-history rows each) and the CSV import (BENCH_ROWS,
   * default 1,000,000).
   */
  rows: number;
  /** Contacts in the CSV file of the import workload (BENCH_IMPORT_ROWS, default BENCH_ROWS). */
  importRows: number;
  /**
   * The size of the stock data (BENCH_STOCK_ROWS, default BENCH_ROWS): a tenth as many products and
   * ten times as many stock moves, whatever the size of the CRM data they refer to.
   */
  stockRows: number;
  /**
   * Events of the automation rows (BENCH_AUTOMATION_EVENTS, default 100,000 as issue 7 asks): (r15) and
   * (15) on SQLite.
   */
  automationEvents: number;
  /**
   * Events per phase of (15p1)/(15pg) on PostgreSQL (BENCH_AUTOMATION_PG_EVENTS, default 100,000 as
   * in (15): 15–30 s a phase on a two-core machine; shorter phases weigh the workers' first poll
   * and warm-up more; see bench/README.md).
   */
  automationPgEvents: number;
  /** Concurrent connections of the load generator (BENCH_CONNECTIONS, default 50). */
  connections: number;
  /** Faker seed: the same data on every run (BENCH_SEED, default 20261126). */
  seed: number;
  /** Workload ids to run (BENCH_ONLY=3,4: those and what they need); null: all. */
  only: string[] | null;
  /** ANALYZE the CRM tables after loading them (BENCH_ANALYZE=1; Kontor itself never does). */
  analyze: boolean;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number (got "${raw}")`);
  return Math.round(value);
}

/** `3,4` / `(3) (4)` / `2d,u` → ['3', '4'] … (ids without parentheses). */
function workloadIds(raw: string | undefined): string[] | null {
  if (!raw?.trim()) return null;
  const ids = raw
    .split(/[\s,;]+/)
    .map((s) => s.replace(/[()]/g, '').trim())
    .filter(Boolean);
  return ids.length ? ids : null;
}

export function loadBenchConfig(): BenchConfig {
  const duration = positiveInt('BENCH_DURATION', 10);
  const rows = positiveInt('BENCH_ROWS', 1_000_000);
  return {
    duration,
    warmup: Math.max(1, Math.min(3, Math.round(duration / 4))),
    rows,
    importRows: positiveInt('BENCH_IMPORT_ROWS', rows),
    stockRows: positiveInt('BENCH_STOCK_ROWS', rows),
    automationEvents: positiveInt('BENCH_AUTOMATION_EVENTS', 100_000),
    automationPgEvents: positiveInt('BENCH_AUTOMATION_PG_EVENTS', 100_000),
    connections: positiveInt('BENCH_CONNECTIONS', 50),
    seed: positiveInt('BENCH_SEED', 20261126),
    only: workloadIds(process.env.BENCH_ONLY),
    analyze: process.env.BENCH_ANALYZE === '1',
  };
}
