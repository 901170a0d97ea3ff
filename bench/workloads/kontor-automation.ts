import { join } from 'node:path';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { sql } from 'kysely';
import type { Actor } from '../../server/src/platform/actor';
import type { AppContext, DrainResult } from '../../server/src/platform/context';
import type { Db } from '../../server/src/platform/db/database';
import { openSqlite } from '../../server/src/platform/db/database';
import { publishMany } from '../../server/src/platform/events/publish';
import {
  type BenchEvent,
  benchEvents,
  outboxRows,
  type Prediction,
  predict,
  type Subject,
  sampleSubjects,
} from '../generators/automation';
import { type BenchRule, benchRules, ruleSubjects } from '../generators/automation-rules';
import { BENCH_ADMIN_EMAIL } from '../generators/users';
import { profiled } from '../support/profile';
import type { ResultRow } from '../support/report';
import { createBenchRules } from './automation-rules';
import { benchContext } from './kontor-billing';

/** Issue 7 item 7: 100,000 events through 20 enabled rules. */
export const AUTOMATION_EVENTS = 100_000;
/** Deals (with their companies) the events are about. */
export const AUTOMATION_SUBJECTS = 20_000;

const n = new Intl.NumberFormat('en-US');

// ─── what the bench and the engine both look at ─────────────────────────────────────────────────

export interface AutomationSetup {
  subjects: Subject[];
  events: BenchEvent[];
  rules: BenchRule[];
  prediction: Prediction;
}

/** The subjects, events, rules and the prediction, from the bench database (seeded). */
export function automationSetup(file: string, seed: number, events = AUTOMATION_EVENTS): AutomationSetup {
  const sqlite = openSqlite(file);
  try {
    const subjects = sampleSubjects(sqlite, AUTOMATION_SUBJECTS, seed);
    const list = benchEvents(subjects, events, seed);
    const rules = benchRules(ruleSubjects(subjects));
    return { subjects, events: list, rules, prediction: predict(rules, list, subjects) };
  } finally {
    sqlite.close();
  }
}

export async function adminActor(db: Db): Promise<Actor> {
  const admin = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('email', '=', BENCH_ADMIN_EMAIL)
    .executeTakeFirstOrThrow();
  return { userId: admin.id, name: admin.name, role: 'admin', teamIds: [], origin: null };
}

/**
 * The events into the outbox through `publishMany`, in their order (a call per run of one type),
 * in transactions of `perTransaction` events. Not timed.
 */
export async function publishEvents(
  ctx: AppContext,
  actor: Actor,
  events: readonly BenchEvent[],
  perTransaction = 10_000,
) {
  for (let start = 0; start < events.length; start += perTransaction) {
    const chunk = events.slice(start, start + perTransaction);
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < chunk.length; ) {
        const type = chunk[i]!.type;
        let end = i;
        while (end < chunk.length && chunk[end]!.type === type) end++;
        await publishMany(trx, ctx.clock, actor, type, chunk.slice(i, end).map((e) => e.payload) as never);
        i = end;
      }
    });
  }
}

/**
 * Whether any work is left, for polling while workers run: `exists` stops at the first row, where
 * the counts of workLeft read the whole backlog (with tens of thousands of events waiting, counting
 * every 50 ms took a tenth of PostgreSQL's time from the workers being measured).
 */
export async function anyWorkLeft(db: Db): Promise<boolean> {
  const r = await sql<{ left: number | boolean }>`
    select (exists (select 1 from outbox where dispatched_at is null)
         or exists (select 1 from event_deliveries where status = 'pending')
         or exists (select 1 from automation_action_runs where status = 'pending')) as "left"`.execute(db);
  return Boolean(Number(r.rows[0]!.left));
}

/** Work left: undispatched events, pending deliveries, action runs not finished. */
export async function workLeft(db: Db) {
  const r = await sql<{ outbox: number | string; deliveries: number | string; actions: number | string }>`
    select (select count(*) from outbox where dispatched_at is null) as outbox,
           (select count(*) from event_deliveries where status = 'pending') as deliveries,
           (select count(*) from automation_action_runs where status = 'pending') as actions`.execute(db);
  const row = r.rows[0]!;
  return { outbox: Number(row.outbox), deliveries: Number(row.deliveries), actions: Number(row.actions) };
}

export interface AutomationOutcome {
  runsByStatus: Record<string, number>;
  /** Runs per rule id (any status but `skipped`). */
  runsPerRule: Map<string, number>;
  actionRunsByStatus: Record<string, number>;
  notifications: number;
  tasks: number;
  deadDeliveries: number;
  deliveriesBySubscriber: Record<string, number>;
}

/** What happened since `since` (an instant): runs, action runs, what the actions made, deliveries. */
export async function automationOutcome(db: Db, since: string): Promise<AutomationOutcome> {
  const count = (v: unknown) => Number(v);
  const runs = await db
    .selectFrom('automation_runs')
    .select(['rule_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('started_at', '>=', since)
    .groupBy(['rule_id', 'status'])
    .execute();
  const actions = await db
    .selectFrom('automation_action_runs as a')
    .innerJoin('automation_runs as r', 'r.id', 'a.run_id')
    .select(['a.status', (eb) => eb.fn.countAll().as('n')])
    .where('r.started_at', '>=', since)
    .groupBy('a.status')
    .execute();
  const notifications = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  const tasks = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  const deliveries = await db
    .selectFrom('event_deliveries')
    .select(['subscriber', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('created_at', '>=', since)
    .groupBy(['subscriber', 'status'])
    .execute();
  const runsByStatus: Record<string, number> = {};
  const runsPerRule = new Map<string, number>();
  for (const r of runs) {
    runsByStatus[r.status] = (runsByStatus[r.status] ?? 0) + count(r.n);
    if (r.status !== 'skipped') runsPerRule.set(r.rule_id, (runsPerRule.get(r.rule_id) ?? 0) + count(r.n));
  }
  const deliveriesBySubscriber: Record<string, number> = {};
  for (const d of deliveries) {
    deliveriesBySubscriber[d.subscriber] = (deliveriesBySubscriber[d.subscriber] ?? 0) + count(d.n);
  }
  return {
    runsByStatus,
    runsPerRule,
    actionRunsByStatus: Object.fromEntries(actions.map((a) => [a.status, count(a.n)])),
    notifications: count(notifications.n),
    tasks: count(tasks.n),
    deadDeliveries: deliveries.filter((d) => d.status === 'dead').reduce((s, d) => s + count(d.n), 0),
    deliveriesBySubscriber,
  };
}

/** Differences between the outcome and the prediction, in words (empty: as predicted). */
export function mismatches(o: AutomationOutcome, p: Prediction, ruleIds: readonly string[]): string[] {
  const out: string[] = [];
  const runs = [...o.runsPerRule.values()].reduce((s, v) => s + v, 0);
  if (runs !== p.runs) out.push(`${n.format(runs)} runs, ${n.format(p.runs)} predicted`);
  const wrong = ruleIds.filter((id, i) => (o.runsPerRule.get(id) ?? 0) !== p.runsPerRule[i]).length;
  if (wrong) out.push(`${wrong} rules with another number of runs than predicted`);
  if (o.notifications !== p.notifications)
    out.push(`${n.format(o.notifications)} notifications, ${n.format(p.notifications)} predicted`);
  if (o.tasks !== p.tasks) out.push(`${n.format(o.tasks)} tasks, ${n.format(p.tasks)} predicted`);
  const failed = (o.actionRunsByStatus.failed ?? 0) + (o.actionRunsByStatus.pending ?? 0);
  if (failed) out.push(`${n.format(failed)} actions failed or not done`);
  if (o.runsByStatus.failed) out.push(`${n.format(o.runsByStatus.failed)} runs failed`);
  if (o.deadDeliveries) out.push(`${n.format(o.deadDeliveries)} deliveries dead`);
  return out;
}

// ─── (r15) and (15): SQLite, in process ─────────────────────────────────────────────────────────

/** Counts the queries Kysely runs (every query of the domains goes through `ctx.db`). */
function countingPlugin(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args: PluginTransformQueryArgs) {
      this.count++;
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs) {
      return args.result;
    },
  };
}

/** Times each subscriber's handler (its transaction's commit not included) and each follower. */
function timeHandlers(ctx: AppContext): Map<string, number> {
  const ms = new Map<string, number>();
  const timed =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const t = performance.now();
      try {
        return await fn(...args);
      } finally {
        ms.set(name, (ms.get(name) ?? 0) + performance.now() - t);
      }
    };
  for (const sub of ctx.events.all()) {
    sub.handler = timed(sub.name, sub.handler);
    if (sub.batch) sub.batch = timed(sub.name, sub.batch);
  }
  for (const f of ctx.events.deliveryFollowers()) f.run = timed(`follower ${f.name}`, f.run);
  return ms;
}

export interface SqliteAutomation {
  events: number;
  rules: number;
  subjects: number;
  rawEventsPerSec: number;
  rawSeconds: number;
  seconds: number;
  drains: number;
  deliveries: DrainResult;
  queries: number;
  handlerMs: Record<string, number>;
  prediction: Prediction;
  outcome: AutomationOutcome;
  problems: string[];
}

/**
 * (r15): the events' outbox rows — ids, types, the JSON payloads publishMany writes — inserted with
 * one prepared better-sqlite3 statement in one transaction into a fresh file with Kontor's pragmas
 * and the `outbox` table as migrated (its DDL read from the bench database). Events per second.
 */
function rawOutboxInsert(dir: string, file: string, rows: unknown[][]): { perSec: number; seconds: number } {
  const bench = openSqlite(file);
  let ddl: string[];
  try {
    ddl = (
      bench
        .prepare(
          `SELECT sql FROM sqlite_master WHERE tbl_name = 'outbox' AND sql IS NOT NULL ORDER BY type DESC, name`,
        )
        .all() as { sql: string }[]
    ).map((r) => r.sql);
  } finally {
    bench.close();
  }
  const raw = openSqlite(join(dir, 'raw-outbox.db'));
  try {
    for (const statement of ddl) raw.exec(statement);
    const insert = raw.prepare(
      'INSERT INTO outbox (id, type, payload, actor_id, origin, occurred_at, dispatched_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const all = raw.transaction(() => {
      for (const row of rows) insert.run(row);
    });
    const t0 = performance.now();
    all();
    const seconds = (performance.now() - t0) / 1000;
    return { perSec: rows.length / seconds, seconds };
  } finally {
    raw.close();
  }
}

/**
 * (r15) then (15), with the server stopped (its dispatcher would deliver the events itself): the
 * twenty rules are made through the automation domain's rules service, the events written to the
 * outbox with `publishMany` (not timed), then the dispatcher's `drain()` — relay, every subscriber
 * of the events (automation's engine and the others), the rules' actions (delivery followers) —
 * timed until no event, delivery or action is left. Then the runs, notifications and tasks are
 * counted against the prediction.
 */
export async function automationVersusRawOutbox(
  dir: string,
  file: string,
  opts: { seed: number; events?: number },
): Promise<SqliteAutomation> {
  const setup = automationSetup(file, opts.seed, opts.events ?? AUTOMATION_EVENTS);
  const ctx = await benchContext(dir, file, null);
  try {
    const actor = await adminActor(ctx.db);
    const raw = rawOutboxInsert(dir, file, outboxRows(setup.events, actor.userId!, opts.seed, Date.now()));
    const ruleIds = await createBenchRules(ctx, actor, setup.rules);
    await ctx.dispatcher.drain();
    const since = new Date().toISOString();
    await publishEvents(ctx, actor, setup.events);

    const counter = countingPlugin();
    ctx.db = ctx.db.withPlugin(counter);
    const handlerMs = timeHandlers(ctx);
    const deliveries: DrainResult = { relayed: 0, done: 0, retrying: 0, dead: 0 };
    let drains = 0;
    const t0 = performance.now();
    await profiled('automation-events', async () => {
      for (; drains < 50; ) {
        const r = await ctx.dispatcher.drain();
        drains++;
        deliveries.relayed += r.relayed;
        deliveries.done += r.done;
        deliveries.retrying += r.retrying;
        deliveries.dead += r.dead;
        const left = await workLeft(ctx.db);
        if (left.outbox + left.deliveries + left.actions === 0) break;
        if (r.relayed === 0 && r.done === 0) {
          // only retries (backoff) or actions due later are left: they are failures here
          break;
        }
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    const queries = counter.count;
    const outcome = await automationOutcome(ctx.db, since);
    const left = await workLeft(ctx.db);
    const problems = mismatches(outcome, setup.prediction, ruleIds);
    if (left.outbox + left.deliveries + left.actions > 0) {
      problems.push(
        `left undone: ${left.outbox} events, ${left.deliveries} deliveries, ${left.actions} actions`,
      );
    }
    return {
      events: setup.events.length,
      rules: setup.rules.length,
      subjects: setup.subjects.length,
      rawEventsPerSec: raw.perSec,
      rawSeconds: raw.seconds,
      seconds,
      drains,
      deliveries,
      queries,
      handlerMs: Object.fromEntries(handlerMs),
      prediction: setup.prediction,
      outcome,
      problems,
    };
  } finally {
    await ctx.dispatcher.stop();
    await ctx.dbHandle.close();
  }
}

// ─── rows and targets for run.ts ────────────────────────────────────────────────────────────────

const pctOf = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;

export function automationRows(r: SqliteAutomation): ResultRow[] {
  const p = r.prediction;
  const perSubscriber = Object.entries(r.handlerMs)
    .filter(([, v]) => v >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
    .join(', ');
  const runs = Object.entries(r.outcome.runsByStatus)
    .map(([k, v]) => `${k} ${n.format(v)}`)
    .join(', ');
  return [
    {
      id: '(r15)',
      workload: `better-sqlite3 prepared INSERT of the ${n.format(r.events)} events' rows into Kontor's outbox table (same index), 1 transaction (events/s)`,
      kind: 'baseline',
      unit: 'rows/s',
      value: r.rawEventsPerSec,
      note: `${(r.rawSeconds * 1000).toFixed(0)} ms`,
    },
    {
      id: '(15)',
      workload: `${n.format(r.events)} events through ${r.rules} enabled rules (publishMany, then drain() until every run's actions are done; events/s)`,
      kind: 'kontor',
      unit: 'rows/s',
      value: r.events / r.seconds,
      baselineId: '(r15)',
      ...(r.problems.length ? { failures: Math.max(1, r.outcome.deadDeliveries) } : {}),
      note: `${r.problems.length ? `NOT AS PREDICTED: ${r.problems.join('; ')}. ` : ''}${r.seconds.toFixed(1)} s in ${r.drains} drain() calls; ${n.format(r.deliveries.done)} deliveries done; ${n.format(p.evaluations)} rule evaluations, runs predicted ${n.format(p.runs)} (${pctOf(p.eventsWithRuns, r.events)} of the events start one) → ${n.format(p.notifications)} notifications, ${n.format(p.tasks)} tasks; runs ${runs || 'none'}; made ${n.format(r.outcome.notifications)} notifications, ${n.format(r.outcome.tasks)} tasks; ${(r.queries / r.events).toFixed(1)} queries per event; time in handlers: ${perSubscriber}; events about ${n.format(r.subjects)} deals`,
    },
  ];
}

interface AutomationTarget {
  row: string;
  goal: string;
  check(row: ResultRow): boolean;
  detail(row: ResultRow): string;
}

const pct = (ratio: number | undefined) => (ratio === undefined ? '?' : `${(ratio * 100).toFixed(0)} %`);

/** Issue 7's targets (item 7), checked like the others in run.ts. */
export const AUTOMATION_TARGETS: AutomationTarget[] = [
  {
    row: '(15)',
    goal: '100k events through 20 enabled rules ≥ 25 % of the raw outbox insert rate (r15)',
    check: (r) => (r.ratio ?? 0) >= 0.25,
    detail: (r) => pct(r.ratio),
  },
  {
    row: '(15pg)',
    goal: 'PostgreSQL: two workers ≥ 1.6 × one worker (events/s)',
    check: (r) => (r.ratio ?? 0) >= 1.6,
    detail: (r) => (r.ratio === undefined ? '?' : `${r.ratio.toFixed(2)} ×`),
  },
];
