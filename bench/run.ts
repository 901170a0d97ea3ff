import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../scripts/build-web';
import { type ChildServer, startChildServer } from '../scripts/child-server';
import { writeContactsCsv } from './generators/contacts-csv';
import { type BenchConfig, loadBenchConfig } from './support/config';
import type { LoadResult } from './support/load';
import { type ResultRow, renderTable, withRatios } from './support/report';
import { helloWorldBaseline, sqliteLookupBaseline } from './workloads/http-baselines';
import { login, meThroughput, userGetThroughput } from './workloads/kontor-api';
import { AUTOMATION_TARGETS, automationRows, automationVersusRawOutbox } from './workloads/kontor-automation';
import { automationPgRows, automationWorkersPg, pgAdminUrl } from './workloads/kontor-automation-pg';
import {
  AGING_PATH,
  agingRows,
  agingVersusGroupBy,
  BILLING_TARGETS,
  type BillingDatabase,
  billingDataRow,
  camtRow,
  dueSweepVersusRawInsert,
  importCamtStatement,
  loadBillingDatabase,
  sweepRows,
} from './workloads/kontor-billing';
import { type CrmDatabase, loadCrmDatabase } from './workloads/kontor-crm-database';
import { type KontorDatabase, prepareKontorDatabase } from './workloads/kontor-database';
import { importContactsCsv } from './workloads/kontor-import';
import { dealListThroughput, funnelVersusGroupBy, median } from './workloads/kontor-sales';
import { checkSearchQueries, searchLatency, searchQueries } from './workloads/kontor-search';
import {
  loadStockDatabase,
  MOVES_PER_ROW,
  PRODUCTS_PER_ROW,
  replenishmentRows,
  replenishmentVersusRaw,
  STOCK_TARGETS,
  type StockDatabase,
  stockDataRow,
  winDealsInProcess,
  winDealsThroughServer,
  winRow,
} from './workloads/kontor-stock';
import {
  loadWorkDatabase,
  MY_OPEN_TASKS,
  myOpenTasksThroughput,
  REMINDERS,
  reminderRows,
  remindersVersusRawInsert,
  TASKS_PER_ROW,
  WORK_TARGETS,
  type WorkDatabase,
  workDataRow,
  workloadThroughput,
} from './workloads/kontor-work';
import { rawSqliteBaselines } from './workloads/raw-sqlite';

/**
 * `npm run bench`: raw baselines and Kontor's own operations measured in the same run, on the same
 * machine, printed side by side as ratios. See bench/README.md. Environment: BENCH_DURATION
 * (seconds per HTTP workload, 10), BENCH_ROWS (1,000,000), BENCH_STOCK_ROWS (BENCH_ROWS: a tenth as many
 * products, ten times as many stock moves), BENCH_AUTOMATION_EVENTS (100,000),
 * BENCH_AUTOMATION_PG_EVENTS (100,000), BENCH_PG_URL, BENCH_CONNECTIONS (50), BENCH_SEED,
 * BENCH_ONLY (ids to run), BENCH_ANALYZE=1, BENCH_KEEP=1 keeps the temp folder, BENCH_STRICT=1
 * exits 1 when a target is missed.
 */

const ORDER = [
  '(a)',
  '(b)',
  '(c)',
  '(e)',
  '(d)',
  '(u)',
  '(k)',
  '(i)',
  '(w)',
  '(L)',
  '(1)',
  '(2)',
  '(2d)',
  '(3)',
  '(4)',
  '(5)',
  '(5c)',
  '(6)',
  '(7)',
  '(8)',
  '(n)',
  '(9)',
  '(v)',
  '(t)',
  '(10)',
  '(11)',
  '(r)',
  '(12)',
  '(s)',
  '(13)',
  '(13h)',
  '(p)',
  '(14)',
  '(r15)',
  '(15)',
  '(15p1)',
  '(15pg)',
];
const HELLO = 'Fastify hello-world JSON (bare, own process)';

/** What each workload needs measured or prepared first (ids without parentheses). */
const NEEDS: Record<string, string[]> = {
  a: [],
  b: [],
  c: ['b'],
  d: ['u'],
  u: [],
  k: [],
  i: ['k'],
  L: [],
  '1': ['a', 'L'],
  '2': ['a', 'L', 'u'],
  '2d': ['2', 'd'],
  '3': ['a', 'L', 'k'],
  e: ['k', 'L'],
  '4': ['e'],
  '5': ['L', 'k'],
  '5c': ['5', 'a'],
  '6': ['b', 'L', 'k'],
  w: ['k'],
  '7': ['a', 'L', 'w'],
  '8': ['a', 'L', 'w'],
  '9': ['w'],
  v: ['k'],
  '10': ['v'],
  '11': ['v'],
  '12': ['v', 'L'],
  s: ['k'],
  '13': ['s'],
  '13h': ['s'],
  '14': ['s'],
  r15: ['k'],
  '15': ['r15'],
  '15pg': ['k'],
};

/** The selected workloads with everything they need (all when BENCH_ONLY is not set). */
function selection(only: string[] | null): Set<string> {
  if (!only) return new Set(Object.keys(NEEDS));
  const unknown = only.filter((id) => !(id in NEEDS));
  if (unknown.length) {
    throw new Error(
      `BENCH_ONLY: unknown workload ${unknown.join(', ')} (known: ${Object.keys(NEEDS).join(' ')})`,
    );
  }
  const out = new Set<string>();
  const add = (id: string) => {
    if (out.has(id)) return;
    out.add(id);
    for (const dep of NEEDS[id]!) add(dep);
  };
  for (const id of only) add(id);
  return out;
}

interface Target {
  row: string;
  goal: string;
  check(row: ResultRow): boolean;
  detail(row: ResultRow): string;
}

const pct = (ratio: number | undefined) => (ratio === undefined ? '?' : `${(ratio * 100).toFixed(0)} %`);
const ms = (v: number | undefined) => (v === undefined ? '?' : `${v.toFixed(1)} ms`);

/** The targets of the suite (issue 3 and the foundation), checked on the rows of this run. */
const TARGETS: Target[] = [
  {
    row: '(2)',
    goal: 'authenticated single-record GET ≥ 50 % of hello-world req/s',
    check: (r) => (r.ratio ?? 0) >= 0.5,
    detail: (r) => pct(r.ratio),
  },
  {
    row: '(3)',
    goal: 'deal list ≥ 25 % of hello-world req/s and p99 ≤ 25 ms',
    check: (r) => (r.ratio ?? 0) >= 0.25 && (r.p99Ms ?? Number.POSITIVE_INFINITY) <= 25,
    detail: (r) => `${pct(r.ratio)}, p99 ${ms(r.p99Ms)}`,
  },
  {
    row: '(4)',
    goal: 'funnel report median ≤ 1.5 × the raw GROUP BY (e)',
    check: (r) => (r.ratio ?? Number.POSITIVE_INFINITY) <= 1.5,
    detail: (r) => `${r.ratio === undefined ? '?' : r.ratio.toFixed(2)} ×`,
  },
  {
    row: '(5)',
    goal: 'search p95 ≤ 10 ms (one request at a time)',
    check: (r) => (r.p95Ms ?? Number.POSITIVE_INFINITY) <= 10,
    detail: (r) => `p95 ${ms(r.p95Ms)}`,
  },
  {
    row: '(6)',
    goal: 'CSV import of contacts ≥ 30 % of the raw prepared-insert rate (b)',
    check: (r) => (r.ratio ?? 0) >= 0.3,
    detail: (r) => pct(r.ratio),
  },
  ...WORK_TARGETS,
  ...BILLING_TARGETS,
  ...STOCK_TARGETS,
  ...AUTOMATION_TARGETS,
];

const n = new Intl.NumberFormat('en-US');
const say = (line: string) => process.stderr.write(`▸ ${line}\n`);
const messageOf = (err: unknown): string => {
  if (!(err instanceof Error)) return String(err);
  return err.cause ? `${err.message} (${messageOf(err.cause)})` : err.message;
};

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
    ...(r.p95Ms !== undefined ? { p95Ms: r.p95Ms } : {}),
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

async function startKontor(dir: string, file: string): Promise<ChildServer> {
  const profile = process.env.BENCH_PROFILE;
  return startChildServer({
    // BENCH_PROFILE=<dir>: the same server, CPU-profiled (bench/servers/kontor-profiled.ts)
    entry: profile
      ? join(REPO_ROOT, 'bench', 'servers', 'kontor-profiled.ts')
      : join(REPO_ROOT, 'server', 'src', 'main.ts'),
    cwd: REPO_ROOT,
    readyPath: '/api/health',
    timeoutMs: 180_000,
    env: {
      DATABASE_URL: `sqlite:${file}`,
      LOG_LEVEL: 'warn',
      KONTOR_DATA_DIR: dir,
      NODE_ENV: 'production',
      ...(profile ? { BENCH_PROFILE: resolve(profile) } : {}),
    },
  });
}

/** Runs one workload, turning a failure into an error row (the run goes on with the others). */
async function attempt(
  rows: ResultRow[],
  fallback: Pick<ResultRow, 'id' | 'workload' | 'kind' | 'unit'>,
  fn: () => Promise<ResultRow[]> | ResultRow[],
): Promise<void> {
  try {
    rows.push(...(await fn()));
  } catch (err) {
    rows.push(failedRow(fallback.id, fallback.workload, fallback.kind, fallback.unit, err));
  }
}

function crmRows(crm: CrmDatabase, k: string): ResultRow[] {
  const d = crm.data;
  const t = crm.timings;
  return [
    {
      id: '(k)',
      workload: `CRM data: ${k} companies, contacts, deals, ${n.format(d.history)} stage-history rows`,
      kind: 'kontor',
      unit: 'rows/s',
      value: crm.rows / crm.seconds,
      baselineId: '(b)',
      note: `${n.format(crm.rows)} rows in ${crm.seconds.toFixed(0)} s: companies ${t.companies.toFixed(0)} s, contacts ${t.contacts.toFixed(0)} s, deals + history ${t.deals.toFixed(0)} s, secondary indexes ${t.indexes.toFixed(0)} s${crm.analyzed ? ', ANALYZE' : ''}; deals per stage ${d.dealsPerStage.map((x) => n.format(x)).join(' / ')}`,
    },
    {
      id: '(i)',
      workload: `search index: ${n.format(crm.search.documents)} documents (search domain's documents, indexDocuments)`,
      kind: 'kontor',
      unit: 'rows/s',
      value: crm.search.documents / crm.search.seconds,
      baselineId: '(b)',
      note: `${crm.search.seconds.toFixed(0)} s`,
    },
  ];
}

async function measure(cfg: BenchConfig, dir: string): Promise<ResultRow[]> {
  const sel = selection(cfg.only);
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
  if (sel.has('b')) {
    say(`raw better-sqlite3: ${k} prepared inserts in one transaction, then GROUP BY…`);
    await attempt(
      rows,
      {
        id: '(b)',
        workload: 'better-sqlite3 prepared INSERT, 1 transaction',
        kind: 'baseline',
        unit: 'rows/s',
      },
      () => {
        const raw = rawSqliteBaselines(dir, cfg.rows, cfg.seed);
        return [
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
        ];
      },
    );
  }

  // (a) hello world, first run
  if (sel.has('a')) await measureHello('1st run');

  // Kontor's database: migrated schema + users (all of BENCH_ROWS only where a workload reads them)
  const needsDb = ['u', 'd', 'k', 'L'].some((id) => sel.has(id));
  const users = sel.has('u') ? cfg.rows : Math.min(cfg.rows, 1000);
  let db: KontorDatabase | null = null;
  if (needsDb) {
    say(`Kontor database: migrating, inserting ${n.format(users)} users (one precomputed argon2id hash)…`);
    await attempt(
      rows,
      {
        id: '(u)',
        workload: `users INSERT with Kontor's schema and indexes`,
        kind: 'kontor',
        unit: 'rows/s',
      },
      async () => {
        db = await prepareKontorDatabase(dir, users, cfg.seed);
        return sel.has('u')
          ? [
              {
                id: '(u)',
                workload: `users INSERT with Kontor's schema and indexes`,
                kind: 'kontor',
                unit: 'rows/s',
                value: db.insertRowsPerSec,
                baselineId: '(b)',
              },
            ]
          : [];
      },
    );
  }
  const kdb = db as KontorDatabase | null;

  // CRM data: companies, contacts, deals, stage history, search index
  let crm: CrmDatabase | null = null;
  if (kdb && sel.has('k')) {
    say(
      `CRM data: ${k} companies, contacts and deals with ~${n.format(cfg.rows * 5)} stage-history rows, then the search index…`,
    );
    await attempt(
      rows,
      { id: '(k)', workload: 'CRM data load', kind: 'kontor', unit: 'rows/s' },
      async () => {
        crm = await loadCrmDatabase(kdb.file, {
          rows: cfg.rows,
          seed: cfg.seed,
          ownerIds: kdb.sampleIds.slice(0, 250),
          analyze: cfg.analyze,
        });
        return crmRows(crm, k);
      },
    );
  }
  const crmDb = crm as CrmDatabase | null;

  // work data (issue 4): teams, TASKS_PER_ROW × BENCH_ROWS activities and tasks, goals, snapshots
  let work: WorkDatabase | null = null;
  if (kdb && crmDb && sel.has('w')) {
    say(`work data: ${n.format(cfg.rows * TASKS_PER_ROW)} activities and tasks, teams, goals…`);
    await attempt(rows, { id: '(w)', workload: 'work data load', kind: 'kontor', unit: 'rows/s' }, () => {
      work = loadWorkDatabase(kdb.file, {
        tasks: cfg.rows * TASKS_PER_ROW,
        seed: cfg.seed,
        ownerIds: kdb.sampleIds.slice(0, 250),
        analyze: cfg.analyze,
      });
      return [workDataRow(work)];
    });
  }
  const workDb = work as WorkDatabase | null;

  // billing data (issue 5): invoices of the CRM data's customers, settings with a collections team
  let billing: BillingDatabase | null = null;
  if (kdb && crmDb && sel.has('v')) {
    say(`billing data: ${k} invoices, customers' IBANs, a collections team…`);
    await attempt(rows, { id: '(v)', workload: 'billing data load', kind: 'kontor', unit: 'rows/s' }, () => {
      billing = loadBillingDatabase(kdb.file, {
        invoices: cfg.rows,
        seed: cfg.seed,
        crm: crmDb.data,
        ownerIds: kdb.sampleIds.slice(0, 250),
      });
      return [billingDataRow(billing)];
    });
  }
  const billingDb = billing as BillingDatabase | null;

  // stock data (issue 6): products with suppliers and reorder settings, the stock-move ledger, levels
  let stock: StockDatabase | null = null;
  if (kdb && crmDb && sel.has('s')) {
    say(
      `stock data: ${n.format(Math.round(cfg.stockRows * PRODUCTS_PER_ROW))} products, ~${n.format(cfg.stockRows * MOVES_PER_ROW)} stock moves, levels…`,
    );
    await attempt(rows, { id: '(s)', workload: 'stock data load', kind: 'kontor', unit: 'rows/s' }, () => {
      stock = loadStockDatabase(kdb.file, {
        rows: cfg.stockRows,
        seed: cfg.seed,
        userIds: kdb.sampleIds.slice(0, 250),
      });
      return [stockDataRow(stock)];
    });
  }
  const stockDb = stock as StockDatabase | null;

  // (d) bare Fastify + better-sqlite3 lookup on the same table
  if (kdb && sel.has('d')) {
    say('bare Fastify + better-sqlite3 primary-key lookup under load…');
    await attempt(
      rows,
      {
        id: '(d)',
        workload: `Fastify + better-sqlite3 PK lookup, ${k} users`,
        kind: 'baseline',
        unit: 'req/s',
      },
      async () => {
        const r = await sqliteLookupBaseline(cfg, REPO_ROOT, kdb.file, kdb.sampleIds);
        return [httpRow('(d)', `Fastify + better-sqlite3 PK lookup, ${k} users`, 'baseline', r)];
      },
    );
  }

  // Kontor's API
  if (kdb && sel.has('L')) {
    say('Kontor server (child process, SQLite): start and login…');
    let kontor: ChildServer | null = null;
    try {
      kontor = await startKontor(dir, kdb.file);
      const url = kontor.url;
      const session = await login(url, kdb.admin.email, kdb.admin.password);
      const cookie = session.cookie;
      rows.push({
        id: '(L)',
        workload: `POST /api/auth/login (argon2id), median of ${session.logins}`,
        kind: 'kontor',
        unit: 'ms',
        value: session.loginMedianMs,
      });

      if (sel.has('1')) {
        say('Kontor GET /api/auth/me under load…');
        await attempt(
          rows,
          { id: '(1)', workload: 'GET /api/auth/me (session cookie)', kind: 'kontor', unit: 'req/s' },
          async () => [
            httpRow(
              '(1)',
              'GET /api/auth/me (session cookie)',
              'kontor',
              await meThroughput(cfg, url, cookie),
              '(a)',
            ),
          ],
        );
      }
      if (sel.has('2')) {
        say('Kontor GET /api/users/:id under load…');
        const workload = `GET /api/users/:id (session cookie), ${k} users`;
        await attempt(rows, { id: '(2)', workload, kind: 'kontor', unit: 'req/s' }, async () => {
          const get = await userGetThroughput(cfg, url, cookie, kdb.sampleIds);
          return [
            httpRow('(2)', workload, 'kontor', get, '(a)'),
            ...(sel.has('2d')
              ? [httpRow('(2d)', '  the same, against the bare SQLite lookup', 'kontor', get, '(d)')]
              : []),
          ];
        });
      }

      if (crmDb && sel.has('3')) {
        say('Kontor GET /api/deals?stageId=…&sort=-amount&limit=50 under load…');
        const workload = `GET /api/deals?stageId=&sort=-amount&limit=50, ${k} deals`;
        await attempt(rows, { id: '(3)', workload, kind: 'kontor', unit: 'req/s' }, async () => [
          httpRow(
            '(3)',
            workload,
            'kontor',
            await dealListThroughput(cfg, url, cookie, crmDb.data.stageIds),
            '(a)',
          ),
        ]);
      }

      if (crmDb && sel.has('e')) {
        const runs = 5;
        say(`Kontor GET /api/reports/funnel vs. the raw GROUP BY, ${runs} of each, alternating…`);
        const workload = 'GET /api/reports/funnel?pipelineId= (admin: all deals)';
        await attempt(rows, { id: '(4)', workload, kind: 'kontor', unit: 'ms' }, async () => {
          const f = await funnelVersusGroupBy(url, cookie, kdb.file, crmDb.data.pipelineId, runs);
          const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
          return [
            {
              id: '(e)',
              workload: `better-sqlite3 GROUP BY to_stage_id, COUNT + SUM over ${n.format(f.historyRows)} stage-history rows, median of ${runs}`,
              kind: 'baseline',
              unit: 'ms',
              value: median(f.rawMs),
              note: `runs ${list(f.rawMs)} ms (${f.groups} groups)`,
            },
            ...(sel.has('4')
              ? [
                  {
                    id: '(4)',
                    workload: `${workload}, median of ${runs}`,
                    kind: 'kontor',
                    unit: 'ms',
                    value: median(f.funnelMs),
                    baselineId: '(e)',
                    note: `runs ${list(f.funnelMs)} ms`,
                  } satisfies ResultRow,
                ]
              : []),
          ];
        });
      }

      if (crmDb && sel.has('5')) {
        const queries = searchQueries(crmDb.data.pools, cfg.seed);
        const found = await checkSearchQueries(url, cookie, queries);
        const sample = queries
          .slice(0, 8)
          .map((q) => `"${q}"`)
          .join(', ');
        const note = `${found.queries} queries (${sample} …), ${found.withHits} of them find something`;
        const workload = `GET /api/search?q=<prefix>, ${n.format(crmDb.search.documents)} documents`;
        say('Kontor GET /api/search?q= one request at a time…');
        await attempt(rows, { id: '(5)', workload, kind: 'kontor', unit: 'req/s' }, async () => {
          const r = await searchLatency(
            { duration: Math.max(2, Math.round(cfg.duration / 2)), warmup: cfg.warmup, connections: 1 },
            url,
            cookie,
            queries,
          );
          const row = httpRow('(5)', `${workload}, 1 connection`, 'kontor', r);
          return [{ ...row, note: row.note ? `${row.note}; ${note}` : note }];
        });
        if (sel.has('5c')) {
          say(`Kontor GET /api/search?q= under load, ${cfg.connections} connections…`);
          await attempt(rows, { id: '(5c)', workload, kind: 'kontor', unit: 'req/s' }, async () => [
            httpRow(
              '(5c)',
              `  the same, ${cfg.connections} connections`,
              'kontor',
              await searchLatency(cfg, url, cookie, queries),
              '(a)',
            ),
          ]);
        }
      }

      if (workDb && sel.has('7')) {
        const user = workDb.data.salesUsers[0];
        const workload = `GET ${MY_OPEN_TASKS} (sales person, ${n.format(user?.open ?? 0)} open tasks)`;
        say('Kontor "my open tasks" under load…');
        await attempt(rows, { id: '(7)', workload, kind: 'kontor', unit: 'req/s' }, async () => {
          if (!user) throw new Error('no active sales person owns tasks');
          return [httpRow('(7)', workload, 'kontor', await myOpenTasksThroughput(cfg, url, user), '(a)')];
        });
      }
      if (workDb && sel.has('8')) {
        const workload = `GET /api/reports/workload (admin: ${n.format(workDb.data.open)} open tasks)`;
        say('Kontor GET /api/reports/workload under load…');
        await attempt(rows, { id: '(8)', workload, kind: 'kontor', unit: 'req/s' }, async () => {
          const r = await workloadThroughput(cfg, url, cookie);
          const row = httpRow('(8)', workload, 'kontor', r.load, '(a)');
          const note = `first request ${r.firstMs.toFixed(0)} ms; ${r.people} people, ${r.teams} teams`;
          return [{ ...row, note: row.note ? `${row.note}; ${note}` : note }];
        });
      }

      if (billingDb && sel.has('12')) {
        const runs = 5;
        say(`Kontor GET ${AGING_PATH} vs. the raw GROUP BY, ${runs} of each, alternating…`);
        await attempt(
          rows,
          { id: '(12)', workload: `GET ${AGING_PATH}`, kind: 'kontor', unit: 'ms' },
          async () => agingRows(await agingVersusGroupBy(url, cookie, kdb.file, runs), runs),
        );
      }

      if (crmDb && sel.has('6')) {
        const k6 = n.format(cfg.importRows);
        const workload = `CSV import of ${k6} contacts: upload, start, poll until done`;
        await attempt(rows, { id: '(6)', workload, kind: 'kontor', unit: 'rows/s' }, async () => {
          say(`CSV file of ${k6} contacts…`);
          const csv = join(dir, 'contacts.csv');
          const file = writeContactsCsv(csv, {
            rows: cfg.importRows,
            seed: cfg.seed,
            pools: crmDb.data.pools,
            companyIds: crmDb.data.companyIds,
          });
          say(
            `Kontor CSV import of ${k6} contacts (${(file.bytes / 2 ** 20).toFixed(0)} MB) through the API…`,
          );
          const r = await importContactsCsv(url, session, csv, cfg.importRows);
          const phases = [
            `upload ${r.uploadSeconds.toFixed(1)} s`,
            `then ${r.runSeconds.toFixed(1)} s to done`,
            r.lastValidatingSeconds === null
              ? null
              : `still validating at ${r.lastValidatingSeconds.toFixed(1)} s`,
            r.firstImportingSeconds === null
              ? null
              : `writing seen at ${r.firstImportingSeconds.toFixed(1)} s`,
          ].filter(Boolean);
          return [
            {
              id: '(6)',
              workload,
              kind: 'kontor',
              unit: 'rows/s',
              value: r.rows / r.seconds,
              baselineId: '(b)',
              note: `${r.seconds.toFixed(1)} s for ${(r.bytes / 2 ** 20).toFixed(0)} MB (${phases.join(', ')}); created ${n.format(r.counts.created)}; ${r.polls} polls of GET /api/imports/:id, median ${r.medianPollMs.toFixed(0)} ms, slowest ${r.maxPollMs.toFixed(0)} ms`,
            },
          ];
        });
      }
    } catch (err) {
      rows.push(failedRow('(L)', 'Kontor server start and login', 'kontor', 'ms', err));
    } finally {
      await kontor?.stop();
    }
  }

  // (n) and (9): firing due reminders in process, with the server stopped (its job would fire them)
  if (kdb && workDb && sel.has('9')) {
    say(
      `raw insert of ${n.format(REMINDERS)} notification rows, then firing ${n.format(REMINDERS)} due reminders…`,
    );
    await attempt(
      rows,
      { id: '(9)', workload: 'firing due reminders', kind: 'kontor', unit: 'rows/s' },
      async () =>
        reminderRows(await remindersVersusRawInsert(dir, kdb.file, { seed: cfg.seed, work: workDb.data })),
    );
  }

  // (t) and (10): the due sweep in process, with the server stopped (its scheduler runs the sweep)
  if (kdb && billingDb && sel.has('10')) {
    const pastDue = n.format(billingDb.data.pastDue);
    say(`raw insert of ${pastDue} task rows, then the due sweep of ${pastDue} past-due invoices…`);
    await attempt(
      rows,
      { id: '(10)', workload: 'due sweep and collection tasks', kind: 'kontor', unit: 'rows/s' },
      async () =>
        sweepRows(await dueSweepVersusRawInsert(dir, kdb.file, { seed: cfg.seed, billing: billingDb })),
    );
  }

  // (11): a CAMT.053 statement imported and matched in process, with the server stopped
  if (kdb && crmDb && billingDb && sel.has('11')) {
    say(`CAMT.053 statement of ${n.format(Math.round(cfg.rows / 10))} credit entries, imported and matched…`);
    await attempt(
      rows,
      { id: '(11)', workload: 'CAMT.053 import with matching', kind: 'kontor', unit: 'rows/s' },
      async () => [
        camtRow(
          await importCamtStatement(dir, kdb.file, { seed: cfg.seed, billing: billingDb, crm: crmDb.data }),
        ),
      ],
    );
  }

  // (p) and (14): the replenishment pass in process, with the server stopped (its nightly job runs it);
  // before (13), so that the products below their reorder point have their draft lines when deals are won
  if (kdb && stockDb && sel.has('14')) {
    say(`raw replenishment pass over ${n.format(stockDb.data.products)} products, then Kontor's…`);
    await attempt(
      rows,
      { id: '(14)', workload: 'replenishment pass', kind: 'kontor', unit: 'rows/s' },
      async () => replenishmentRows(await replenishmentVersusRaw(dir, kdb.file, stockDb)),
    );
  }

  // (13): winning deals with product lines in process, events delivered, with the server stopped
  if (kdb && crmDb && stockDb && sel.has('13')) {
    say('winning deals with 20 product lines each (in process): reservation and replenishment…');
    await attempt(
      rows,
      { id: '(13)', workload: 'win a deal with 20 product lines', kind: 'kontor', unit: 'ms' },
      async () => [winRow(await winDealsInProcess(dir, kdb.file, stockDb, crmDb.data, { seed: cfg.seed }))],
    );
  }

  // (13h): the same through the running server and its own dispatcher
  if (kdb && crmDb && stockDb && sel.has('13h')) {
    say('winning deals with 20 product lines each through the server: POST /api/deals/:id/win…');
    await attempt(
      rows,
      {
        id: '(13h)',
        workload: 'win a deal with 20 product lines, through the server',
        kind: 'kontor',
        unit: 'ms',
      },
      async () => {
        const kontor = await startKontor(dir, kdb.file);
        try {
          const session = await login(kontor.url, kdb.admin.email, kdb.admin.password, 1);
          return [
            winRow(
              await winDealsThroughServer(kontor.url, session, kdb.file, stockDb, crmDb.data, {
                seed: cfg.seed,
              }),
            ),
          ];
        } finally {
          await kontor.stop();
        }
      },
    );
  }

  // (r15) and (15): events through the automation rules in process, with the server stopped
  if (kdb && crmDb && sel.has('r15')) {
    say(
      `raw insert of ${n.format(cfg.automationEvents)} outbox rows, then ${n.format(cfg.automationEvents)} events through 20 automation rules…`,
    );
    await attempt(
      rows,
      { id: '(15)', workload: 'events through automation rules', kind: 'kontor', unit: 'rows/s' },
      async () =>
        automationRows(
          await automationVersusRawOutbox(dir, kdb.file, { seed: cfg.seed, events: cfg.automationEvents }),
        ),
    );
  }

  // (15p1) and (15pg): the same rules on PostgreSQL, delivered by one and by two worker processes
  if (kdb && crmDb && sel.has('15pg')) {
    say(
      `PostgreSQL (${pgAdminUrl().replace(/\/\/[^@]*@/, '//')}): ${n.format(cfg.automationPgEvents)} events through the rules, one worker, then two…`,
    );
    await attempt(
      rows,
      {
        id: '(15pg)',
        workload: 'PostgreSQL: events through automation rules, 2 workers',
        kind: 'kontor',
        unit: 'rows/s',
      },
      async () =>
        automationPgRows(
          await automationWorkersPg(dir, kdb.file, {
            seed: cfg.seed,
            events: cfg.automationPgEvents,
          }),
        ),
    );
  }

  // (a) hello world, second run: the baseline brackets Kontor's workloads in time
  if (sel.has('a')) {
    await measureHello('2nd run');
    rows.push(helloRow(hello, helloErrors));
  }
  return rows;
}

async function main(cfg: BenchConfig) {
  const started = new Date();
  const load = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-'));
  say(
    `Kontor bench: ${cfg.duration} s per HTTP workload (+${cfg.warmup} s warm-up), ${cfg.connections} connections, ${n.format(cfg.rows)} rows${cfg.only ? `, only ${cfg.only.join(' ')}` : ''}`,
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
  const sel = selection(cfg.only);
  const verdicts = TARGETS.filter((t) => sel.has(t.row.replace(/[()]/g, ''))).map((t) => {
    const row = results.find((r) => r.id === t.row);
    const measured =
      row &&
      row.value !== null &&
      !row.error &&
      (row.ratio !== undefined || row.p95Ms !== undefined || !row.baselineId);
    const pass = Boolean(measured && row && t.check(row) && !row.failures);
    const detail = !measured
      ? 'could not be measured'
      : `${t.detail(row)}${row.failures ? ` (with ${row.failures} failed requests)` : ''}`;
    return {
      row: t.row,
      description: t.goal,
      pass,
      detail,
      line: `${pass ? 'PASS' : 'FAIL'}  ${t.row} ${t.goal}: ${detail}`,
    };
  });

  const notes = results.filter((r) => r.note).map((r) => `  ${r.id} ${r.note}`);
  console.log(
    `\nKontor bench — ${started.toISOString()} — node ${process.version}, ${cpus().length} CPUs, load average ${load.toFixed(1)} at start\n`,
  );
  console.log(renderTable(results));
  if (notes.length) console.log(`\n${notes.join('\n')}`);
  console.log(`\n${verdicts.map((v) => v.line).join('\n')}\n`);

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
      loadAverageAtEnd: Number(loadavg()[0]!.toFixed(2)),
    },
    config: cfg,
    results,
    targets: verdicts.map(({ line: _line, ...v }) => v),
  };
  writeFileSync(join(REPO_ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  say(`results written to bench/results.json (${seconds} s)`);
  if (verdicts.some((v) => !v.pass) && process.env.BENCH_STRICT === '1') process.exitCode = 1;
}

await main(loadBenchConfig());
