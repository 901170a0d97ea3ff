import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../scripts/build-web';
import { type ChildServer, startChildServer } from '../scripts/child-server';
import { type BenchConfig, loadBenchConfig } from './support/config';
import type { LoadResult } from './support/load';
import { type ResultRow, renderTable, withRatios } from './support/report';
import { helloWorldBaseline, sqliteLookupBaseline } from './workloads/http-baselines';
import { login, meThroughput, userGetThroughput } from './workloads/kontor-api';
import { type KontorDatabase, prepareKontorDatabase } from './workloads/kontor-database';
import { rawSqliteBaselines } from './workloads/raw-sqlite';

/**
 * `npm run bench`: raw baselines and Kontor's own operations measured in the same run, on the same
 * machine, printed side by side as ratios. See bench/README.md. Environment: BENCH_DURATION
 * (seconds per HTTP workload, 10), BENCH_ROWS (1,000,000), BENCH_CONNECTIONS (50), BENCH_SEED,
 * BENCH_KEEP=1 keeps the temp folder, BENCH_STRICT=1 exits 1 when the target is missed.
 */

/** The target this suite checks: Kontor's authenticated single-record GET vs. bare hello-world. */
const TARGET = { row: '(2)', baseline: '(a)', minRatio: 0.5 };
const ORDER = ['(a)', '(b)', '(c)', '(d)', '(u)', '(L)', '(1)', '(2)', '(2d)'];
const HELLO = 'Fastify hello-world JSON (bare, own process)';

const n = new Intl.NumberFormat('en-US');
const say = (line: string) => process.stderr.write(`▸ ${line}\n`);
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function httpRow(
  id: string,
  workload: string,
  kind: ResultRow['kind'],
  r: LoadResult,
  baselineId?: string,
): ResultRow {
  const failures = r.non2xx + r.errors;
  return {
    id,
    workload,
    kind,
    unit: 'req/s',
    value: r.reqPerSec,
    p99Ms: r.p99Ms,
    ...(failures ? { failures, note: `status codes ${JSON.stringify(r.statusCodes)}` } : {}),
    ...(baselineId ? { baselineId } : {}),
  };
}

function failedRow(
  id: string,
  workload: string,
  kind: ResultRow['kind'],
  unit: ResultRow['unit'],
  err: unknown,
) {
  process.stderr.write(`  ✗ ${workload}: ${messageOf(err)}\n`);
  return { id, workload, kind, unit, value: null, error: messageOf(err) } satisfies ResultRow;
}

/** Hello-world is measured before and after Kontor's workloads; the baseline is their mean. */
function helloRow(runs: LoadResult[], errors: unknown[]): ResultRow {
  if (!runs.length) return failedRow('(a)', HELLO, 'baseline', 'req/s', errors[0] ?? 'not run');
  const mean = (f: (r: LoadResult) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  const row = httpRow('(a)', HELLO, 'baseline', {
    reqPerSec: mean((r) => r.reqPerSec),
    p50Ms: mean((r) => r.p50Ms),
    p99Ms: mean((r) => r.p99Ms),
    total: runs.reduce((s, r) => s + r.total, 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    statusCodes: {},
  });
  return {
    ...row,
    note: `mean of ${runs.length} runs: ${runs.map((r) => n.format(Math.round(r.reqPerSec))).join(' / ')} req/s`,
  };
}

async function startKontor(dir: string, db: KontorDatabase): Promise<ChildServer> {
  return startChildServer({
    entry: join(REPO_ROOT, 'server', 'src', 'main.ts'),
    cwd: REPO_ROOT,
    readyPath: '/api/health',
    env: {
      DATABASE_URL: `sqlite:${db.file}`,
      LOG_LEVEL: 'warn',
      KONTOR_DATA_DIR: dir,
      NODE_ENV: 'production',
    },
  });
}

async function measure(cfg: BenchConfig, dir: string): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const k = n.format(cfg.rows);
  const hello: LoadResult[] = [];
  const helloErrors: unknown[] = [];
  const measureHello = async (which: string) => {
    say(`bare Fastify hello-world under load (${which})…`);
    try {
      hello.push(await helloWorldBaseline(cfg, REPO_ROOT));
    } catch (err) {
      helloErrors.push(err);
      process.stderr.write(`  ✗ hello-world: ${messageOf(err)}\n`);
    }
  };

  // (b) (c) raw SQLite
  say(`raw better-sqlite3: ${k} prepared inserts in one transaction, then GROUP BY…`);
  try {
    const raw = rawSqliteBaselines(dir, cfg.rows, cfg.seed);
    rows.push(
      {
        id: '(b)',
        workload: 'better-sqlite3 prepared INSERT, 1 transaction',
        kind: 'baseline',
        unit: 'rows/s',
        value: raw.insertRowsPerSec,
      },
      {
        id: '(c)',
        workload: `better-sqlite3 GROUP BY over ${k} rows (${raw.groups} groups), median of 3`,
        kind: 'baseline',
        unit: 'ms',
        value: raw.groupByMs,
      },
    );
  } catch (err) {
    rows.push(failedRow('(b)', 'better-sqlite3 prepared INSERT, 1 transaction', 'baseline', 'rows/s', err));
  }

  // (a) hello world, first run
  await measureHello('1st run');

  // Kontor's database: migrated schema + users
  say(`Kontor database: migrating, inserting ${k} users (one precomputed argon2id hash)…`);
  let db: KontorDatabase | null = null;
  try {
    db = await prepareKontorDatabase(dir, cfg.rows, cfg.seed);
    rows.push({
      id: '(u)',
      workload: `users INSERT with Kontor's schema and indexes`,
      kind: 'kontor',
      unit: 'rows/s',
      value: db.insertRowsPerSec,
      baselineId: '(b)',
    });
  } catch (err) {
    rows.push(failedRow('(u)', `users INSERT with Kontor's schema and indexes`, 'kontor', 'rows/s', err));
  }

  if (db) {
    // (d) bare Fastify + better-sqlite3 lookup on the same table
    say('bare Fastify + better-sqlite3 primary-key lookup under load…');
    try {
      const r = await sqliteLookupBaseline(cfg, REPO_ROOT, db.file, db.sampleIds);
      rows.push(httpRow('(d)', `Fastify + better-sqlite3 PK lookup, ${k} users`, 'baseline', r));
    } catch (err) {
      rows.push(failedRow('(d)', `Fastify + better-sqlite3 PK lookup, ${k} users`, 'baseline', 'req/s', err));
    }

    // (1) (2) Kontor
    say('Kontor server (child process, SQLite): login…');
    let kontor: ChildServer | null = null;
    try {
      kontor = await startKontor(dir, db);
      const session = await login(kontor.url, db.admin.email, db.admin.password);
      rows.push({
        id: '(L)',
        workload: `POST /api/auth/login (argon2id), median of ${session.logins}`,
        kind: 'kontor',
        unit: 'ms',
        value: session.loginMedianMs,
      });
      say('Kontor GET /api/auth/me under load…');
      try {
        const me = await meThroughput(cfg, kontor.url, session.cookie);
        rows.push(httpRow('(1)', 'GET /api/auth/me (session cookie)', 'kontor', me, '(a)'));
      } catch (err) {
        rows.push(failedRow('(1)', 'GET /api/auth/me (session cookie)', 'kontor', 'req/s', err));
      }
      say('Kontor GET /api/users/:id under load…');
      try {
        const get = await userGetThroughput(cfg, kontor.url, session.cookie, db.sampleIds);
        rows.push(httpRow('(2)', `GET /api/users/:id (session cookie), ${k} users`, 'kontor', get, '(a)'));
        rows.push(httpRow('(2d)', '  the same, against the bare SQLite lookup', 'kontor', get, '(d)'));
      } catch (err) {
        rows.push(
          failedRow('(2)', `GET /api/users/:id (session cookie), ${k} users`, 'kontor', 'req/s', err),
        );
      }
    } catch (err) {
      rows.push(failedRow('(1)', 'Kontor server start and login', 'kontor', 'req/s', err));
    } finally {
      await kontor?.stop();
    }
  }

  // (a) hello world, second run: the baseline brackets Kontor's workloads in time
  await measureHello('2nd run');
  rows.push(helloRow(hello, helloErrors));
  return rows;
}

async function main(cfg: BenchConfig) {
  const started = new Date();
  const load = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-'));
  say(
    `Kontor bench: ${cfg.duration} s per HTTP workload (+${cfg.warmup} s warm-up), ${cfg.connections} connections, ${n.format(cfg.rows)} rows`,
  );
  if (load > cpus().length / 2) {
    say(
      `note: the machine is busy (load average ${load.toFixed(1)} on ${cpus().length} CPUs); numbers will be noisy`,
    );
  }

  let rows: ResultRow[];
  try {
    rows = await measure(cfg, dir);
  } finally {
    if (process.env.BENCH_KEEP === '1') say(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  const results = withRatios(rows).sort((x, y) => ORDER.indexOf(x.id) - ORDER.indexOf(y.id));
  const target = results.find((r) => r.id === TARGET.row);
  const ratio = target?.ratio;
  const pass = ratio !== undefined && ratio >= TARGET.minRatio && !target?.failures;
  const goal = `authenticated single-record GET ≥ ${TARGET.minRatio * 100} % of hello-world req/s`;
  const verdict =
    ratio === undefined
      ? `FAIL  ${goal}: could not be measured`
      : `${pass ? 'PASS' : 'FAIL'}  ${goal}: ${(ratio * 100).toFixed(0)} %${target?.failures ? ` (with ${target.failures} failed requests)` : ''}`;

  const notes = results.filter((r) => r.note).map((r) => `  ${r.id} ${r.note}`);
  console.log(`\nKontor bench — ${started.toISOString()} — node ${process.version}, ${cpus().length} CPUs\n`);
  console.log(renderTable(results));
  if (notes.length) console.log(`\n${notes.join('\n')}`);
  console.log(`\n${verdict}\n`);

  const finished = new Date();
  const seconds = Math.round((finished.getTime() - started.getTime()) / 1000);
  const report = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    seconds,
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtStart: Number(load.toFixed(2)),
    },
    config: cfg,
    results,
    target: { description: goal, row: TARGET.row, baseline: TARGET.baseline, ratio: ratio ?? null, pass },
  };
  writeFileSync(join(REPO_ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  say(`results written to bench/results.json (${seconds} s)`);
  if (!pass && process.env.BENCH_STRICT === '1') process.exitCode = 1;
}

await main(loadBenchConfig());
