import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import Database from 'better-sqlite3';

import pino from 'pino';
import { importBankStatement } from '../../server/src/domains/billing/bank-statements.service';
import { sweepDueInvoices } from '../../server/src/domains/billing/due-sweep.service';
import { registerDomains } from '../../server/src/modules';
import type { Actor } from '../../server/src/platform/actor';
import { createContext } from '../../server/src/platform/bootstrap';
import { businessDate, FixedClock } from '../../server/src/platform/clock';
import type { Config } from '../../server/src/platform/config';
import { openDatabase, openSqlite } from '../../server/src/platform/db/database';
import { type CamtMix, camt053Statement } from '../generators/camt053';
import type { CrmData } from '../generators/crm';
import { uuidv7Factory } from '../generators/ids';
import { type InvoiceData, type InvoiceTimings, insertInvoiceData } from '../generators/invoices';
import { makeRng } from '../generators/pools';
import { BENCH_ADMIN_EMAIL } from '../generators/users';
import type { ResultRow } from '../support/report';
import { fetchJson } from './kontor-api';
import { median } from './kontor-sales';
import { BENCH_TIMEZONE } from './kontor-work';

/** Issue 5 item 8: the bank statement of (11) has a tenth as many entries as there are invoices. */
export const ENTRIES_PER_INVOICE = 0.1;

export interface BillingDatabase {
  data: InvoiceData;
  timings: InvoiceTimings;
  seconds: number;
  /** The run's "now" the invoices were made around (the sweep runs as of it). */
  now: number;
}

/**
 * (v): the billing data (generators/invoices.ts) written into the bench database the way the CRM
 * data is (rollback journal, `synchronous = OFF`, a 2 GB page cache; WAL again afterwards).
 */
export function loadBillingDatabase(
  file: string,
  opts: { invoices: number; seed: number; crm: CrmData; ownerIds: readonly string[] },
): BillingDatabase {
  const sqlite = openSqlite(file);
  const now = Date.now();
  try {
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -2000000');
    sqlite.pragma('temp_store = MEMORY');
    const t0 = performance.now();
    const { data, timings } = insertInvoiceData(sqlite, {
      count: opts.invoices,
      seed: opts.seed,
      now,
      timezone: BENCH_TIMEZONE,
      companyIds: opts.crm.companyIds,
      companyNames: opts.crm.companyNames,
      companyOwner: opts.crm.companyOwner,
      ownerIds: opts.ownerIds,
    });
    return { data, timings, seconds: (performance.now() - t0) / 1000, now };
  } finally {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.close();
  }
}

/**
 * A context like the CLI's (all domains' subscribers registered) on the bench database, the clock
 * fixed at `now` (null: the system clock). The dispatcher is not started: `drain()` delivers.
 */
export async function benchContext(dir: string, file: string, now: number | null) {
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    database: { dialect: 'sqlite', file },
    timezone: BENCH_TIMEZONE,
    secret: 'kontor-bench-secret-kontor-bench-secret',
    smtpUrl: null,
    logLevel: 'warn',
    dataDir: dir,
  };
  const ctx = await createContext(config, {
    ...(now === null ? {} : { clock: new FixedClock(new Date(now)) }),
    log: pino({ level: 'warn' }),
    // as the server opens it (main.ts)
    dbHandle: openDatabase(config.database, { backgroundCheckpoints: true }),
    migrate: false,
  });
  registerDomains(ctx);
  return ctx;
}

// ─── (t) and (10): the due sweep against a raw insert of as many tasks ──────────────────────────

export interface SweepComparison {
  /** (t): rows/s of the raw insert into a table shaped like `tasks`, with its indexes. */
  rawRowsPerSec: number;
  rawBareRowsPerSec: number;
  /** Invoices the sweep marked overdue. */
  marked: number;
  /** Collection tasks that exist afterwards (counted). */
  tasks: number;
  seconds: number;
  sweepSeconds: number;
  deliverySeconds: number;
  deliveries: { relayed: number; done: number; retrying: number; dead: number };
}

/** The collection tasks the baseline writes: what the handler writes, made before the clock runs. */
function collectionTaskRows(count: number, columns: string[], seed: number, now: number, teamId: string) {
  const rng = makeRng(seed ^ 0x7a5c);
  const uuid = uuidv7Factory(rng.uint32);
  const at = new Date(now).toISOString();
  const today = at.slice(0, 10);
  const rows: unknown[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    const invoice = uuid(now - rng.int(400 * 86_400_000));
    const company = uuid(now - rng.int(2000 * 86_400_000));
    const values: Record<string, unknown> = {
      id: uuid(now + i),
      type: 'collection',
      subject: `Zahlung einfordern: Rechnung RE-2026-${String(i).padStart(5, '0')} – 1.234,56 € offen, 12 Tage überfällig`,
      notes:
        'Die Rechnung RE-2026-00001 war am 14.11.2026 fällig; offen sind 1.234,56 €. Bitte beim Kunden nachfassen. Die Aufgabe schließt sich, sobald die Zahlung eingeht.',
      due_date: today,
      priority: 'high',
      status: 'open',
      team_id: teamId,
      assignee_id: null,
      company_id: company,
      invoice_id: invoice,
      origin: 'system',
      origin_ref: `invoice-overdue:${invoice}`,
      origin_label: 'Rechnung RE-2026-00001 überfällig',
      recurrence: 'none',
      recurrence_interval: 1,
      reminder_at: `${today}T08:00:00.000Z`,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    rows[i] = columns.map((c) => values[c] ?? null);
  }
  return rows;
}

function rawInsert(sqlite: SQLite.Database, ddl: string[], columns: string[], rows: unknown[][]): number {
  for (const statement of ddl) sqlite.exec(statement);
  const insert = sqlite.prepare(
    `INSERT INTO tasks (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const all = sqlite.transaction(() => {
    for (const row of rows) insert.run(row);
  });
  const t0 = performance.now();
  all();
  return rows.length / ((performance.now() - t0) / 1000);
}

/**
 * (t) then (10), with the server stopped (its scheduler would run the sweep itself):
 * (t) as many prepared inserts as there are past-due invoices, in one transaction, into a fresh
 * file with Kontor's pragmas and the `tasks` table exactly as migrated (all its indexes, the unique
 * origin_ref among them) — what making one collection task per invoice must write at the least;
 * (10) the due sweep's `sweepDueInvoices` on Kontor's database layer in this process, then the
 * delivery of its `invoice.overdue` events to the work domain's subscriber (the dispatcher's
 * `drain`, as the CLI's run-job does), timed together until the collection tasks exist; then they
 * are counted.
 */
export async function dueSweepVersusRawInsert(
  dir: string,
  file: string,
  opts: { seed: number; billing: BillingDatabase },
): Promise<SweepComparison> {
  const expected = opts.billing.data.pastDue;
  const bench = openSqlite(file);
  let ddl: string[];
  let columns: string[];
  let typeTable: string;
  let typeRow: unknown[];
  try {
    ddl = (
      bench
        .prepare(
          `SELECT sql FROM sqlite_master WHERE tbl_name = 'tasks' AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC, name`,
        )
        .all() as { sql: string }[]
    ).map((r) => r.sql);
    columns = (bench.prepare(`SELECT name FROM pragma_table_info('tasks')`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    typeTable = (
      bench.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'task_types'`).get() as {
        sql: string;
      }
    ).sql;
    typeRow = Object.values(
      bench.prepare(`SELECT * FROM task_types WHERE key = 'collection'`).get() as Record<string, unknown>,
    );
    bench.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    bench.close();
  }
  const rows = collectionTaskRows(
    expected,
    columns,
    opts.seed,
    opts.billing.now,
    opts.billing.data.collectionsTeamId,
  );
  const raw = openSqlite(join(dir, 'raw-tasks.db'));
  const bare = openSqlite(join(dir, 'raw-tasks-bare.db'));
  let rawRowsPerSec: number;
  let rawBareRowsPerSec: number;
  try {
    // the task type the rows refer to (foreign key), as in Kontor's database
    for (const db of [raw, bare]) {
      db.exec(typeTable);
      db.prepare(`INSERT INTO task_types VALUES (${typeRow.map(() => '?').join(', ')})`).run(typeRow);
    }
    rawBareRowsPerSec = rawInsert(bare, [ddl.find((s) => s.startsWith('CREATE TABLE'))!], columns, rows);
    rawRowsPerSec = rawInsert(raw, ddl, columns, rows);
  } finally {
    raw.close();
    bare.close();
  }

  const ctx = await benchContext(dir, file, opts.billing.now);
  try {
    const t0 = performance.now();
    const sweep = await sweepDueInvoices(ctx);
    const t1 = performance.now();
    const deliveries = await ctx.dispatcher.drain();
    const t2 = performance.now();
    const counted = await ctx.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'collection')
      .where('origin', '=', 'system')
      .where('origin_ref', 'like', 'invoice-overdue:%')
      .executeTakeFirstOrThrow();
    const tasks = Number(counted.n);
    if (sweep.marked !== expected || tasks !== expected) {
      throw new Error(
        `the due sweep marked ${sweep.marked} invoices and ${tasks} collection tasks exist; expected ${expected} of each (deliveries: ${JSON.stringify(deliveries)})`,
      );
    }
    return {
      rawRowsPerSec,
      rawBareRowsPerSec,
      marked: sweep.marked,
      tasks,
      seconds: (t2 - t0) / 1000,
      sweepSeconds: (t1 - t0) / 1000,
      deliverySeconds: (t2 - t1) / 1000,
      deliveries,
    };
  } finally {
    await ctx.dispatcher.stop();
    await ctx.dbHandle.close();
  }
}

// ─── (11): a CAMT.053 statement of credit entries imported and matched ───────────────────────────

export interface CamtImport {
  mix: CamtMix;
  bytes: number;
  seconds: number;
  parseSeconds: number;
  matched: number;
  review: number;
  suggested: number;
  paidInvoices: number;
}

/**
 * (11), with the server stopped: a CAMT.053.001.02 file of a tenth as many credit entries as
 * there are invoices (generators/camt053.ts), made before the clock runs, imported through the
 * billing domain's `importBankStatement` in this process (what `POST /api/bank-statements` calls):
 * parsing, matching every entry against the open invoices, payments for the clear matches, the
 * review queue for the rest; timed from the call to its return. Then the outcome is checked against
 * the mix the file was made with.
 */
export async function importCamtStatement(
  dir: string,
  file: string,
  opts: { seed: number; billing: BillingDatabase; crm: CrmData },
): Promise<CamtImport> {
  const entries = Math.max(10, Math.round(opts.billing.data.invoices * ENTRIES_PER_INVOICE));
  const { xml, mix } = camt053Statement(opts.billing.data, {
    entries,
    seed: opts.seed,
    companyNames: opts.crm.companyNames,
    bookingDate: opts.billing.data.today,
  });
  const buffer = Buffer.from(xml, 'utf8');
  writeFileSync(join(dir, 'statement.camt053.xml'), buffer);
  const ctx = await benchContext(dir, file, opts.billing.now);
  try {
    const admin = await ctx.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('email', '=', BENCH_ADMIN_EMAIL)
      .executeTakeFirstOrThrow();
    const actor: Actor = { userId: admin.id, name: admin.name, role: 'admin', teamIds: [], origin: null };
    const { parseCamt053 } = await import('../../server/src/domains/billing/camt053');
    const p0 = performance.now();
    parseCamt053(buffer);
    const parseSeconds = (performance.now() - p0) / 1000;
    const t0 = performance.now();
    const result = await importBankStatement(ctx, actor, buffer);
    const seconds = (performance.now() - t0) / 1000;
    const suggested = await ctx.db
      .selectFrom('bank_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('statement_id', '=', result.statement.id)
      .where('status', '=', 'review')
      .where('confidence', '=', 70)
      .executeTakeFirstOrThrow();
    const paid = await ctx.db
      .selectFrom('payment_allocations')
      .select((eb) => eb.fn.count<number>('invoice_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    const r: CamtImport = {
      mix,
      bytes: buffer.length,
      seconds,
      parseSeconds,
      matched: result.matched,
      review: result.review,
      suggested: Number(suggested.n),
      paidInvoices: Number(paid.n),
    };
    if (
      !result.created ||
      r.matched !== mix.expectedMatched ||
      r.review !== mix.expectedReview ||
      // an entry without a number gets no suggestion when its amount is open twice for the payer
      // (ambiguous): a few of a million invoices; most must get one
      r.suggested > mix.noNumber ||
      r.suggested < mix.noNumber * 0.99 ||
      r.paidInvoices !== mix.invoicesPaid
    ) {
      throw new Error(
        `the import matched ${r.matched} entries (expected ${mix.expectedMatched}), left ${r.review} for review (expected ${mix.expectedReview}), ${r.suggested} with a suggestion (expected ${mix.noNumber}, at least 99 % of them), paid ${r.paidInvoices} invoices (expected ${mix.invoicesPaid})`,
      );
    }
    return r;
  } finally {
    await ctx.dispatcher.stop();
    await ctx.dbHandle.close();
  }
}

// ─── (r) and (12): the AR aging report against a raw GROUP BY ──────────────────────────────────

export const AGING_PATH = '/api/reports/receivables/aging';

/**
 * The raw counterpart of the AR aging: the open receivables grouped by customer and bucket (days
 * past due as of today: not due, 1–30, 31–60, 61–90, > 90), with the sum of the open amounts —
 * what the report must read at the least. `?` are the first days of the buckets, newest first.
 */
const RAW_AGING_SQL = `SELECT company_id,
    CASE WHEN due_date >= ? THEN 0 WHEN due_date >= ? THEN 1 WHEN due_date >= ? THEN 2 WHEN due_date >= ? THEN 3 ELSE 4 END AS bucket,
    SUM(open_cents) AS cents, COUNT(*) AS n
  FROM invoices WHERE status = 'issued' AND kind = 'invoice' AND open_cents > 0
  GROUP BY company_id, bucket`;

export interface AgingComparison {
  agingMs: number[];
  rawMs: number[];
  /** Open receivables (invoices) and customers the raw query found, and what the report answered. */
  openInvoices: number;
  customers: number;
  reportInvoices: number;
  reportCustomers: number;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * (r) and (12), with the server running: `GET /api/reports/receivables/aging` as the admin (all
 * invoices), one request at a time, against the raw GROUP BY on its own read-only connection to the
 * same file, alternately, `runs` of each after one unmeasured of each (like (e) and (4)). Checks
 * first that the report counts the same open invoices and customers as the raw query.
 */
export async function agingVersusGroupBy(
  baseUrl: string,
  cookie: string,
  dbFile: string,
  runs: number,
): Promise<AgingComparison> {
  const today = businessDate(new Date(), BENCH_TIMEZONE);
  const sqlite = new Database(dbFile, { readonly: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const groupBy = sqlite.prepare(RAW_AGING_SQL);
    const bounds = [today, addDays(today, -30), addDays(today, -60), addDays(today, -90)];
    const raw = () => {
      const t0 = performance.now();
      const rows = groupBy.all(...bounds) as { company_id: string; n: number }[];
      return { ms: performance.now() - t0, rows };
    };
    const url = `${baseUrl}${AGING_PATH}`;
    const api = async () => {
      const t0 = performance.now();
      const report = await fetchJson<{ total: { total: { count: number } }; customerCount: number }>(
        url,
        cookie,
      );
      return { ms: performance.now() - t0, report };
    };
    const warm = raw();
    const first = await api();
    const openInvoices = warm.rows.reduce((s, r) => s + Number(r.n), 0);
    const customers = new Set(warm.rows.map((r) => r.company_id)).size;
    if (first.report.total.total.count !== openInvoices || first.report.customerCount !== customers) {
      throw new Error(
        `GET ${AGING_PATH} counts ${first.report.total.total.count} open invoices of ${first.report.customerCount} customers; the raw query ${openInvoices} of ${customers}`,
      );
    }
    const agingMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      rawMs.push(raw().ms);
      agingMs.push((await api()).ms);
    }
    return {
      agingMs,
      rawMs,
      openInvoices,
      customers,
      reportInvoices: first.report.total.total.count,
      reportCustomers: first.report.customerCount,
    };
  } finally {
    sqlite.close();
  }
}

// ─── rows and targets for run.ts ────────────────────────────────────────────────────────────────

const n = new Intl.NumberFormat('en-US');

export function billingDataRow(b: BillingDatabase): ResultRow {
  const d = b.data;
  return {
    id: '(v)',
    workload: `billing data: ${n.format(d.invoices)} invoices (${n.format(d.pastDue)} past due, ${n.format(d.open)} open, ${n.format(d.paid)} paid)`,
    kind: 'kontor',
    unit: 'rows/s',
    value: d.invoices / b.seconds,
    baselineId: '(b)',
    note: `${b.seconds.toFixed(1)} s: invoices ${b.timings.invoices.toFixed(1)} s, secondary indexes ${b.timings.indexes.toFixed(1)} s; ${n.format(d.customers)} customers with a known IBAN (${n.format(d.ibansSet)} set), collections team of ${d.collectionsMembers}`,
  };
}

export function sweepRows(r: SweepComparison): ResultRow[] {
  const k = n.format(r.tasks);
  return [
    {
      id: '(t)',
      workload: `better-sqlite3 prepared INSERT of ${k} rows into Kontor's tasks table (same indexes), 1 transaction`,
      kind: 'baseline',
      unit: 'rows/s',
      value: r.rawRowsPerSec,
      note: `without the secondary indexes: ${n.format(Math.round(r.rawBareRowsPerSec))} rows/s`,
    },
    {
      id: '(10)',
      workload: `due sweep: ${k} invoices marked overdue → ${k} collection tasks (sweep + event delivery, tasks/s)`,
      kind: 'kontor',
      unit: 'rows/s',
      value: r.tasks / r.seconds,
      baselineId: '(t)',
      note: `${r.seconds.toFixed(1)} s: sweepDueInvoices ${r.sweepSeconds.toFixed(1)} s, delivery ${r.deliverySeconds.toFixed(1)} s (${n.format(r.deliveries.relayed)} events relayed, ${n.format(r.deliveries.done)} deliveries done, ${r.deliveries.retrying + r.deliveries.dead} failed); ${k} collection tasks counted`,
    },
  ];
}

export function camtRow(r: CamtImport): ResultRow {
  const m = r.mix;
  return {
    id: '(11)',
    workload: `CAMT.053 import of ${n.format(m.entries)} credit entries with matching (importBankStatement, entries/s)`,
    kind: 'kontor',
    unit: 'rows/s',
    value: m.entries / r.seconds,
    note: `${r.seconds.toFixed(1)} s for ${(r.bytes / 2 ** 20).toFixed(0)} MB (parsing alone ${r.parseSeconds.toFixed(1)} s); matched ${n.format(r.matched)} (exact ${n.format(m.exact)}, partial ${n.format(m.partial)}, two invoices ${n.format(m.several)}), review ${n.format(r.review)} (${n.format(r.suggested)} of ${n.format(m.noNumber)} without a number with a suggestion by amount + IBAN, the others ambiguous; ${n.format(m.unmatched)} unknown); ${n.format(r.paidInvoices)} invoices paid`,
  };
}

export function agingRows(a: AgingComparison, runs: number): ResultRow[] {
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
  return [
    {
      id: '(r)',
      workload: `better-sqlite3 GROUP BY customer and aging bucket, SUM over ${n.format(a.openInvoices)} open invoices, median of ${runs}`,
      kind: 'baseline',
      unit: 'ms',
      value: median(a.rawMs),
      note: `runs ${list(a.rawMs)} ms (${n.format(a.customers)} customers)`,
    },
    {
      id: '(12)',
      workload: `GET ${AGING_PATH} (admin: all invoices), median of ${runs}`,
      kind: 'kontor',
      unit: 'ms',
      value: median(a.agingMs),
      baselineId: '(r)',
      note: `runs ${list(a.agingMs)} ms; ${n.format(a.reportInvoices)} open invoices of ${n.format(a.reportCustomers)} customers, as the raw query`,
    },
  ];
}

interface BillingTarget {
  row: string;
  goal: string;
  check(row: ResultRow): boolean;
  detail(row: ResultRow): string;
}

const pct = (ratio: number | undefined) => (ratio === undefined ? '?' : `${(ratio * 100).toFixed(0)} %`);

/** Issue 5's targets (item 8), checked like the others in run.ts. */
export const BILLING_TARGETS: BillingTarget[] = [
  {
    row: '(10)',
    goal: 'due sweep makes the collection tasks at ≥ 33 % of the raw insert rate of as many rows (t)',
    check: (r) => (r.ratio ?? 0) >= 0.33,
    detail: (r) => pct(r.ratio),
  },
  {
    row: '(11)',
    goal: 'CAMT.053 import with matching ≥ 20,000 entries/s',
    check: (r) => (r.value ?? 0) >= 20_000,
    detail: (r) => `${n.format(Math.round(r.value ?? 0))} entries/s`,
  },
  {
    row: '(12)',
    goal: 'AR aging report median ≤ 1.5 × the raw GROUP BY (r)',
    check: (r) => (r.ratio ?? Number.POSITIVE_INFINITY) <= 1.5,
    detail: (r) => `${r.ratio === undefined ? '?' : r.ratio.toFixed(2)} ×`,
  },
];
