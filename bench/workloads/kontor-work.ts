import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import { fireDueReminders } from '../../server/src/domains/work/reminders.service';
import { FixedClock } from '../../server/src/platform/clock';
import { openDatabase, openSqlite } from '../../server/src/platform/db/database';
import { uuidv7Factory } from '../generators/ids';
import { makeRng } from '../generators/pools';
import { insertDueReminderTasks, insertWorkData, type WorkData, type WorkTimings } from '../generators/tasks';
import { BENCH_PASSWORD } from '../generators/users';
import type { BenchConfig } from '../support/config';
import { type LoadResult, runLoad } from '../support/load';
import type { ResultRow } from '../support/report';
import { fetchJson, login } from './kontor-api';

/** Tasks per BENCH_ROWS: the default million gives issue 4's ten million activities and tasks. */
export const TASKS_PER_ROW = 10;
/** Due reminders fired by (9), and rows of its raw baseline (n). */
export const REMINDERS = 100_000;
/** The company time zone of the bench server (Kontor's default unless KONTOR_TIMEZONE is set). */
export const BENCH_TIMEZONE = process.env.KONTOR_TIMEZONE ?? 'Europe/Berlin';

export interface WorkDatabase {
  data: WorkData;
  timings: WorkTimings;
  /** Rows written (teams and members, settings, tasks, goals, snapshots). */
  rows: number;
  seconds: number;
}

/**
 * (w): the work data (generators/tasks.ts) written into the bench database the way the CRM data
 * is (rollback journal, `synchronous = OFF`, a 2 GB page cache; WAL again afterwards).
 */
export function loadWorkDatabase(
  file: string,
  opts: { tasks: number; seed: number; ownerIds: readonly string[]; analyze: boolean },
): WorkDatabase {
  const sqlite = openSqlite(file);
  try {
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -2000000');
    sqlite.pragma('temp_store = MEMORY');
    const t0 = performance.now();
    const { data, timings } = insertWorkData(sqlite, {
      tasks: opts.tasks,
      seed: opts.seed,
      now: Date.now(),
      timezone: BENCH_TIMEZONE,
      ownerIds: opts.ownerIds,
    });
    const seconds = (performance.now() - t0) / 1000;
    if (opts.analyze) for (const table of ['tasks', 'teams', 'team_members']) sqlite.exec(`ANALYZE ${table}`);
    const rows = data.tasks + data.teams.length + data.teamMembers + data.goals + data.snapshots;
    return { data, timings, rows, seconds };
  } finally {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.close();
  }
}

export const MY_OPEN_TASKS = '/api/tasks?assigneeId=me&status=open&sort=dueDate&limit=50';

/**
 * (7) "my open tasks" under load, as the sales person (role `sales`, own scope) with the most open
 * tasks: logs in once (the login route is rate limited), checks that a full page of their open
 * tasks (all of them, with fewer than 50) comes back in due-date order, then loads the one list.
 */
export async function myOpenTasksThroughput(
  cfg: BenchConfig,
  baseUrl: string,
  user: { id: string; email: string; open: number },
): Promise<LoadResult> {
  const { cookie } = await login(baseUrl, user.email, BENCH_PASSWORD, 1);
  const page = await fetchJson<{
    items: { assigneeId: string | null; status: string; dueDate: string | null }[];
  }>(baseUrl + MY_OPEN_TASKS, cookie);
  const dates = page.items.map((t) => t.dueDate ?? '9999-12-31');
  if (
    page.items.length !== Math.min(50, user.open) ||
    page.items.some((t) => t.status !== 'open' || t.assigneeId !== user.id) ||
    dates.some((d, i) => i > 0 && d < dates[i - 1]!)
  ) {
    throw new Error(
      `GET ${MY_OPEN_TASKS} did not answer a page of ${Math.min(50, user.open)} open tasks of the user by due date`,
    );
  }
  return runLoad({ url: baseUrl + MY_OPEN_TASKS, ...cfg, headers: { cookie }, exactLatencies: true });
}

/** (8) the workload report under load (as the admin: every person, team and task). */
export async function workloadThroughput(
  cfg: BenchConfig,
  baseUrl: string,
  cookie: string,
): Promise<{ load: LoadResult; firstMs: number; open: number; people: number; teams: number }> {
  const path = '/api/reports/workload';
  const t0 = performance.now();
  const report = await fetchJson<{ total: { open: number }; people: unknown[]; teams: unknown[] }>(
    baseUrl + path,
    cookie,
  );
  const firstMs = performance.now() - t0;
  if (report.total.open === 0 || report.people.length === 0 || report.teams.length === 0) {
    throw new Error(`GET ${path} counts no open tasks, people or teams`);
  }
  const load = await runLoad({ url: baseUrl + path, ...cfg, headers: { cookie }, exactLatencies: true });
  return { load, firstMs, open: report.total.open, people: report.people.length, teams: report.teams.length };
}

// ─── (n) and (9): firing due reminders against a raw insert ─────────────────────────────────────

export interface ReminderComparison {
  /** (n): rows/s of the raw insert into a table shaped like `notifications`, with its indexes. */
  rawRowsPerSec: number;
  /** The same rows into the same columns without the secondary indexes (for the note). */
  rawBareRowsPerSec: number;
  seconds: number;
  tasks: number;
  notifications: number;
  mails: number;
  setupSeconds: number;
}

/**
 * The baseline's rows, made before the clock runs (it times the inserts only): UUIDv7 ids in
 * creation order like the job's, dedupe keys of tasks in random order like the job's (tasks are
 * fired in reminder order, not id order).
 */
function notificationRows(count: number, userIds: readonly string[], now: number, seed: number) {
  const rng = makeRng(seed ^ 0x4e07);
  const uuid = uuidv7Factory(rng.uint32);
  const at = new Date(now).toISOString();
  const rows: unknown[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    const task = uuid(now - rng.int(30 * 86_400_000));
    const user = userIds[i % userIds.length]!;
    rows[i] = [
      uuid(now + i),
      user,
      'task_reminder',
      'Angebot nachfassen',
      'Fällig heute, 14:00',
      `/tasks/${task}`,
      task,
      `reminder:${task}:${at}:${user}`,
      at,
      null,
    ];
  }
  return rows;
}

function rawInsert(sqlite: SQLite.Database, ddl: string[], rows: unknown[][]): number {
  for (const statement of ddl) sqlite.exec(statement);
  const insert = sqlite.prepare(
    'INSERT INTO notifications (id, user_id, kind, title, body, link, task_id, dedupe_key, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const all = sqlite.transaction(() => {
    for (const row of rows) insert.run(row);
  });
  const t0 = performance.now();
  all();
  return rows.length / ((performance.now() - t0) / 1000);
}

/**
 * (n) then (9), with the server stopped (its reminder job would fire them itself):
 * (n) 100,000 prepared inserts in one transaction into a fresh file with Kontor's pragmas and the
 * `notifications` table exactly as migrated (its unique dedupe key and two indexes) — what firing
 * 100,000 reminders must write at the least; (9) 100,000 open tasks with a due reminder are added
 * to the bench database (untimed), then the reminder job's `fireDueReminders` runs in this
 * process on Kontor's own database layer, timed from the call to its return: claim and mark the
 * tasks, one notification per recipient, an e-mail in the outbox for those who want one.
 */
export async function remindersVersusRawInsert(
  dir: string,
  file: string,
  opts: { seed: number; work: WorkData },
): Promise<ReminderComparison> {
  const now = Date.now();
  const assignees = opts.work.activeOwners;

  // (n): the notifications table as Kontor migrated it, in a file of its own
  const bench = openSqlite(file);
  const ddl = (
    bench
      .prepare(
        `SELECT sql FROM sqlite_master WHERE tbl_name = 'notifications' AND sql IS NOT NULL ORDER BY type DESC, name`,
      )
      .all() as { sql: string }[]
  ).map((r) => r.sql);
  const rows = notificationRows(REMINDERS, assignees, now, opts.seed);
  const raw = openSqlite(join(dir, 'raw-notifications.db'));
  const bare = openSqlite(join(dir, 'raw-notifications-bare.db'));
  let rawRowsPerSec: number;
  let rawBareRowsPerSec: number;
  try {
    rawBareRowsPerSec = rawInsert(bare, [ddl.find((s) => s.startsWith('CREATE TABLE'))!], rows);
    rawRowsPerSec = rawInsert(raw, ddl, rows);
  } finally {
    raw.close();
    bare.close();
  }

  // (9): the due reminders, then the job
  const t0 = performance.now();
  try {
    insertDueReminderTasks(bench, {
      count: REMINDERS,
      seed: opts.seed,
      now,
      timezone: BENCH_TIMEZONE,
      assignees,
      teams: opts.work.teams,
    });
    bench.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    bench.close();
  }
  const setupSeconds = (performance.now() - t0) / 1000;
  const handle = openDatabase({ dialect: 'sqlite', file });
  try {
    const deps = {
      db: handle.db,
      dialect: handle.dialect,
      clock: new FixedClock(new Date(now)),
      config: { timezone: BENCH_TIMEZONE },
    };
    const t1 = performance.now();
    const r = await fireDueReminders(deps);
    const seconds = (performance.now() - t1) / 1000;
    if (r.tasks !== REMINDERS) {
      throw new Error(`the reminder job fired ${r.tasks} reminders, expected ${REMINDERS}`);
    }
    return { rawRowsPerSec, rawBareRowsPerSec, seconds, setupSeconds, ...r };
  } finally {
    await handle.close();
  }
}

// ─── rows and targets for run.ts ────────────────────────────────────────────────────────────────

const n = new Intl.NumberFormat('en-US');

export function workDataRow(work: WorkDatabase): ResultRow {
  const d = work.data;
  const t = work.timings;
  return {
    id: '(w)',
    workload: `work data: ${n.format(d.tasks)} activities and tasks (${n.format(d.open)} open), teams, goals, snapshots`,
    kind: 'kontor',
    unit: 'rows/s',
    value: work.rows / work.seconds,
    baselineId: '(b)',
    note: `${n.format(work.rows)} rows in ${work.seconds.toFixed(0)} s: tasks ${t.tasks.toFixed(0)} s, secondary indexes ${t.indexes.toFixed(0)} s, teams/settings/goals/snapshots ${t.setup.toFixed(1)} s; open ${n.format(d.open)} (overdue ${n.format(d.overdue)}, due today ${n.format(d.dueToday)}, unclaimed team tasks ${n.format(d.unclaimed)}, ${n.format(d.withOpenReminder)} reminders to come); ${d.teams.length} teams with ${d.teamMembers} memberships, ${d.goals} goals, ${n.format(d.snapshots)} snapshot rows`,
  };
}

export function reminderRows(r: ReminderComparison): ResultRow[] {
  return [
    {
      id: '(n)',
      workload: `better-sqlite3 prepared INSERT of ${n.format(REMINDERS)} rows into Kontor's notifications table (same indexes), 1 transaction`,
      kind: 'baseline',
      unit: 'rows/s',
      value: r.rawRowsPerSec,
      note: `without the secondary indexes (unique dedupe key, 2 indexes): ${n.format(Math.round(r.rawBareRowsPerSec))} rows/s`,
    },
    {
      id: '(9)',
      workload: `firing ${n.format(REMINDERS)} due reminders (fireDueReminders in process, reminders/s)`,
      kind: 'kontor',
      unit: 'rows/s',
      value: r.tasks / r.seconds,
      baselineId: '(n)',
      note: `${r.seconds.toFixed(1)} s for ${n.format(r.tasks)} tasks: ${n.format(r.notifications)} notifications, ${n.format(r.mails)} e-mails queued (setting up the due tasks took ${r.setupSeconds.toFixed(1)} s, not counted)`,
    },
  ];
}

interface WorkTarget {
  row: string;
  goal: string;
  check(row: ResultRow): boolean;
  detail(row: ResultRow): string;
}

const pct = (ratio: number | undefined) => (ratio === undefined ? '?' : `${(ratio * 100).toFixed(0)} %`);

/** Issue 4's targets (item 8), checked like the others in run.ts. */
export const WORK_TARGETS: WorkTarget[] = [
  {
    row: '(7)',
    goal: '"my open tasks" ≥ 25 % of hello-world req/s and p99 ≤ 25 ms',
    check: (r) => (r.ratio ?? 0) >= 0.25 && (r.p99Ms ?? Number.POSITIVE_INFINITY) <= 25,
    detail: (r) => `${pct(r.ratio)}, p99 ${r.p99Ms === undefined ? '?' : `${r.p99Ms.toFixed(1)} ms`}`,
  },
  {
    row: '(8)',
    goal: 'workload report ≥ 25 % of hello-world req/s',
    check: (r) => (r.ratio ?? 0) >= 0.25,
    detail: (r) => `${pct(r.ratio)}, p99 ${r.p99Ms === undefined ? '?' : `${r.p99Ms.toFixed(1)} ms`}`,
  },
  {
    row: '(9)',
    goal: 'firing 100k due reminders ≥ 25 % of the raw insert rate of 100k rows (n)',
    check: (r) => (r.ratio ?? 0) >= 0.25,
    detail: (r) => pct(r.ratio),
  },
];
