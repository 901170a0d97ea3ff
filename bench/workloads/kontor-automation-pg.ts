import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { REPO_ROOT } from '../../scripts/build-web';
import { registerDomains } from '../../server/src/modules';
import { createContext } from '../../server/src/platform/bootstrap';
import type { Config } from '../../server/src/platform/config';
import type { AppContext } from '../../server/src/platform/context';
import { insertRows } from '../../server/src/platform/db/bulk-insert';
import { type Db, openDatabase, openSqlite } from '../../server/src/platform/db/database';
import { benchEvents, predict, type Subject } from '../generators/automation';
import { BENCH_ADMIN_EMAIL } from '../generators/users';
import type { ResultRow } from '../support/report';
import { createBenchRules } from './automation-rules';
import {
  type AutomationOutcome,
  adminActor,
  anyWorkLeft,
  automationOutcome,
  automationSetup,
  mismatches,
  publishEvents,
  workLeft,
} from './kontor-automation';
import { BENCH_TIMEZONE } from './kontor-work';

/** Events per phase on PostgreSQL (one worker, then two), by default (BENCH_AUTOMATION_PG_EVENTS). */
export const PG_EVENTS = 100_000;
/** A phase that takes longer is stopped and reported as failed. */
const PHASE_LIMIT_MS = 15 * 60_000;
/** Events (other ones, of another seed) each phase's workers handle before the timed ones. */
const WARM_UP_SHARE = 0.2;

const n = new Intl.NumberFormat('en-US');

/** BENCH_PG_URL, else the tests' TEST_DATABASE_URL, else the local default: a server to make a database on. */
export function pgAdminUrl(): string {
  return (
    process.env.BENCH_PG_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
  );
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/**
 * The records the events are about, copied from the bench's SQLite database into the PostgreSQL
 * one (same migrations, same columns): the segments, the admin and the owners, the subjects'
 * companies and deals. Stages and pipelines come with the migrations (fixed ids).
 */
async function copyRecords(sqliteFile: string, db: Db, subjects: readonly Subject[]): Promise<number> {
  const sqlite = openSqlite(sqliteFile);
  try {
    const all = (query: string, ...params: unknown[]) =>
      sqlite.prepare(query).all(...params) as Record<string, unknown>[];
    const json = (xs: Iterable<string>) => JSON.stringify([...new Set(xs)]);
    const owners = subjects.flatMap((s) => [s.ownerId, s.companyOwnerId ?? s.ownerId]);
    const tables: Array<[string, Record<string, unknown>[]]> = [
      ['segments', all('SELECT * FROM segments')],
      [
        'users',
        all(
          'SELECT * FROM users WHERE email = ? OR id IN (SELECT value FROM json_each(?))',
          BENCH_ADMIN_EMAIL,
          json(owners),
        ),
      ],
      [
        'companies',
        all(
          'SELECT * FROM companies WHERE id IN (SELECT value FROM json_each(?))',
          json(subjects.map((s) => s.companyId)),
        ).map((r) => ({ ...r, merged_into_id: null })),
      ],
      [
        'deals',
        all(
          'SELECT * FROM deals WHERE id IN (SELECT value FROM json_each(?))',
          json(subjects.map((s) => s.dealId)),
        ),
      ],
    ];
    let rows = 0;
    await db.transaction().execute(async (trx) => {
      for (const [table, list] of tables) {
        await insertRows(trx, table as 'deals', list as never);
        rows += list.length;
      }
    });
    return rows;
  } finally {
    sqlite.close();
  }
}

interface Worker {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `server/src/worker.ts` (what `npm run worker` runs) in a child process, once it says it started. */
async function startWorker(dir: string, url: string): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server', 'src', 'worker.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: 'info',
      KONTOR_DATA_DIR: dir,
      KONTOR_SECRET: 'kontor-bench-secret-kontor-bench-secret',
      KONTOR_TIMEZONE: BENCH_TIMEZONE,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (exited()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  while (!out.includes('worker started')) {
    if (exited()) throw new Error(`the worker exited before it started:\n${out.slice(-3000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the worker did not start within 120 s:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, stop };
}

/** Waits until no event, delivery or action is left (the bench looks every 50 ms). */
async function untilNothingLeft(db: Db, t0: number, what: string): Promise<void> {
  for (;;) {
    if (!(await anyWorkLeft(db))) return;
    if (performance.now() - t0 > PHASE_LIMIT_MS) {
      const left = await workLeft(db);
      throw new Error(`${what}: not done in ${PHASE_LIMIT_MS / 60_000} min (left: ${JSON.stringify(left)})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface PgPhase {
  workers: number;
  events: number;
  seconds: number;
  outcome: AutomationOutcome;
  problems: string[];
}

export interface PgAutomation {
  url: string;
  copiedRows: number;
  rules: number;
  runsPredicted: number;
  phases: PgPhase[];
}

/**
 * (15p1) and (15pg): a database of its own on the PostgreSQL server (made and dropped here), the
 * subjects' records copied into it, the same twenty rules made through the rules service. Then
 * twice: `workers` worker processes are started and handle a fifth as many other events (warm-up),
 * then `opts.events` events are published in one transaction, and the time from its commit until no
 * event, delivery or action is left is taken (the bench looks every 50 ms); the workers stop. One worker first, then two (the second phase
 * finds the first's rows in the tables).
 */
export async function automationWorkersPg(
  dir: string,
  sqliteFile: string,
  opts: { seed: number; events?: number },
): Promise<PgAutomation> {
  const admin = pgAdminUrl();
  const name = `kontor_bench_${process.pid}`;
  await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  const url = withDatabase(admin, name);
  const count = opts.events ?? PG_EVENTS;
  let ctx: AppContext | null = null;
  try {
    const setup = automationSetup(sqliteFile, opts.seed, count);
    const config: Config = {
      port: 0,
      host: '127.0.0.1',
      database: { dialect: 'postgres', url },
      timezone: BENCH_TIMEZONE,
      secret: 'kontor-bench-secret-kontor-bench-secret',
      smtpUrl: null,
      logLevel: 'warn',
      dataDir: dir,
    };
    ctx = await createContext(config, {
      log: pino({ level: 'warn' }),
      dbHandle: openDatabase(config.database, { poolSize: 4 }),
    });
    registerDomains(ctx);
    const copiedRows = await copyRecords(sqliteFile, ctx.db, setup.subjects);
    const actor = await adminActor(ctx.db);
    const ruleIds = await createBenchRules(ctx, actor, setup.rules);
    const prediction = predict(setup.rules, setup.events, setup.subjects);
    const warmUp = benchEvents(setup.subjects, Math.ceil(count * WARM_UP_SHARE), opts.seed + 1);
    const phases: PgPhase[] = [];
    for (const workers of [1, 2]) {
      const started: Worker[] = [];
      try {
        for (let i = 0; i < workers; i++) started.push(await startWorker(dir, url));
        // Warm-up, not timed: fresh processes compile their hot code first (V8's compiler threads
        // took a third of a core in the first seconds), and the phase measures the workers' steady state.
        await publishEvents(ctx, actor, warmUp, warmUp.length);
        await untilNothingLeft(ctx.db, performance.now(), `${workers} worker(s), warm-up`);
        const since = new Date().toISOString();
        await publishEvents(ctx, actor, setup.events, setup.events.length);
        const t0 = performance.now();
        await untilNothingLeft(ctx.db, t0, `${workers} worker(s), ${n.format(count)} events`);
        const seconds = (performance.now() - t0) / 1000;
        const outcome = await automationOutcome(ctx.db, since);
        phases.push({
          workers,
          events: count,
          seconds,
          outcome,
          problems: mismatches(outcome, prediction, ruleIds),
        });
      } finally {
        for (const w of started) await w.stop();
      }
    }
    return {
      url: url.replace(/\/\/[^@]*@/, '//'),
      copiedRows,
      rules: ruleIds.length,
      runsPredicted: prediction.runs,
      phases,
    };
  } finally {
    if (ctx) {
      await ctx.dispatcher.stop();
      await ctx.dbHandle.close();
    }
    await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }
}

export function automationPgRows(r: PgAutomation): ResultRow[] {
  const row = (p: PgPhase, id: string, workload: string, kind: ResultRow['kind']): ResultRow => {
    const runs = Object.entries(p.outcome.runsByStatus)
      .map(([k, v]) => `${k} ${n.format(v)}`)
      .join(', ');
    const deliveries = Object.values(p.outcome.deliveriesBySubscriber).reduce((s, v) => s + v, 0);
    return {
      id,
      workload,
      kind,
      unit: 'rows/s',
      value: p.events / p.seconds,
      ...(p.problems.length ? { failures: 1 } : {}),
      note: `${p.problems.length ? `NOT AS PREDICTED: ${p.problems.join('; ')}. ` : ''}${p.seconds.toFixed(1)} s from the commit of ${n.format(p.events)} events until nothing was left; ${n.format(deliveries)} deliveries; runs ${runs || 'none'} (${n.format(r.runsPredicted)} predicted); made ${n.format(p.outcome.notifications)} notifications, ${n.format(p.outcome.tasks)} tasks`,
    };
  };
  const [one, two] = r.phases;
  if (!one || !two) throw new Error('a PostgreSQL phase is missing');
  return [
    row(
      one,
      '(15p1)',
      `PostgreSQL: ${n.format(one.events)} events through ${r.rules} rules, 1 worker process (npm run worker; events/s)`,
      'baseline',
    ),
    {
      ...row(two, '(15pg)', `  the same with 2 worker processes (events/s; ratio: × one worker)`, 'kontor'),
      baselineId: '(15p1)',
    },
  ];
}
