import { sql } from 'kysely';
import type {
  AgingAmount,
  AgingBuckets,
  AgingQuery,
  AgingReport,
  CashFlowMonth,
  CashFlowQuery,
  CashFlowReport,
  DsoPoint,
  DsoQuery,
  DsoReport,
} from '../../../../contracts/receivables';
import { CASH_FLOW_MAX_MONTHS, DSO_WINDOW_DAYS } from '../../../../contracts/receivables';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { visibleTo } from '../../platform/db/visibility';
import { AppError } from '../../platform/http/errors';
import { addDays, addMonths } from './sql-dates';

export type ReceivablesDeps = Pick<AppContext, 'db' | 'config' | 'clock'>;

/** Invoices as the invoice list limits them: sales their own, managers their teams', accounting and admins all. */
const invoicesOf = (actor: Actor, table = 'invoices') =>
  visibleTo(actor, { ownerColumn: `${table}.owner_id`, teamColumn: `${table}.team_id` });

const today = (deps: ReceivablesDeps) => businessDate(deps.clock.now(), deps.config.timezone);

const BUCKET_COLUMNS = ['b0', 'b1', 'b2', 'b3', 'b4'] as const;

function buckets(c: number[], n: number[]): AgingBuckets {
  const amount = (i: number): AgingAmount => ({ cents: c[i] ?? 0, count: n[i] ?? 0 });
  const sum = (xs: number[], from: number) => xs.slice(from).reduce((a, b) => a + b, 0);
  return {
    notDue: amount(0),
    days1to30: amount(1),
    days31to60: amount(2),
    days61to90: amount(3),
    over90: amount(4),
    total: { cents: sum(c, 0), count: sum(n, 0) },
    overdue: { cents: sum(c, 1), count: sum(n, 1) },
  };
}

/**
 * The aging statement (exported for the benchmark): per company the open cents and counts per
 * bucket (`c_b0` … `n_b4`), `total_cents`, `total_count`, the same over all companies as window
 * sums (`all_…`, `customer_count`), the largest `limit` companies with `company_name`.
 */
export function agingQuery(db: Db, actor: Actor, asOf: string, limit: number) {
  // Past due by 1–30 days: due from asOf − 30 to asOf − 1, and so on; each bucket one range of due dates.
  const [d30, d60, d90] = [30, 60, 90].map((d) => addDays(asOf, -d)) as [string, string, string];
  const inBucket = [
    sql`(invoices.due_date >= ${asOf} or invoices.due_date is null)`,
    sql`(invoices.due_date >= ${d30} and invoices.due_date < ${asOf})`,
    sql`(invoices.due_date >= ${d60} and invoices.due_date < ${d30})`,
    sql`(invoices.due_date >= ${d90} and invoices.due_date < ${d60})`,
    sql`invoices.due_date < ${d90}`,
  ];
  const centsIn = (i: number) =>
    sql<number>`sum(case when ${inBucket[i]} then invoices.open_cents else 0 end)`;
  const countIn = (i: number) => sql<number>`count(case when ${inBucket[i]} then 1 end)`;

  // Literal values, so that SQLite can prove the partial index's WHERE from the query's.
  const perCompany = db
    .selectFrom('invoices')
    .where('invoices.status', '=', sql.lit('issued'))
    .where('invoices.kind', '=', sql.lit('invoice'))
    .where('invoices.open_cents', '>', sql.lit(0))
    .where(invoicesOf(actor))
    .select([
      'invoices.company_id',
      ...BUCKET_COLUMNS.map((b, i) => centsIn(i).as(`c_${b}`)),
      ...BUCKET_COLUMNS.map((b, i) => countIn(i).as(`n_${b}`)),
      sql<number>`sum(invoices.open_cents)`.as('total_cents'),
      sql<number>`count(*)`.as('total_count'),
    ])
    .groupBy('invoices.company_id');

  const over = (column: string) => sql<number>`sum(${sql.ref(`g.${column}`)}) over ()`;
  const top = db
    .selectFrom(perCompany.as('g'))
    .selectAll('g')
    .select([
      ...BUCKET_COLUMNS.map((b) => over(`c_${b}`).as(`all_c_${b}`)),
      ...BUCKET_COLUMNS.map((b) => over(`n_${b}`).as(`all_n_${b}`)),
      sql<number>`count(*) over ()`.as('customer_count'),
    ])
    .orderBy('g.total_cents', 'desc')
    .orderBy('g.company_id')
    .limit(limit);

  return db
    .selectFrom(top.as('t'))
    .leftJoin('companies', 'companies.id', 't.company_id')
    .selectAll('t')
    .select('companies.name as company_name')
    .orderBy('t.total_cents', 'desc')
    .orderBy('t.company_id');
}

/**
 * AR aging: the open receivables (issued invoices with an open amount; credit notes are never
 * open) in five buckets by days past due as of `asOf`, in total and per customer.
 *
 * One set-based statement: the open invoices grouped by company (through the partial covering index
 * `invoices_receivables`, migration 2026_11_26_2320, in company order: no sort for the GROUP BY), the
 * totals over all groups as window sums, the largest `limit` customers joined to their names. The
 * bucket of an invoice is a comparison of its due date (text `YYYY-MM-DD`) with four boundary days
 * computed here, so both dialects run the same SQL without date functions.
 */
export async function agingReport(
  deps: ReceivablesDeps,
  actor: Actor,
  query: AgingQuery,
): Promise<AgingReport> {
  const now = today(deps);
  const asOf = query.asOf ?? now;
  if (asOf < now) {
    throw new AppError(
      'unprocessable',
      'receivables.as_of_past',
      `asOf ${asOf} is before today (${now}): the aging shows today's open amounts, so it can only count the days past due to today or a later day`,
      [{ path: 'asOf', message: 'Must be today or later' }],
    );
  }
  const rows = await agingQuery(deps.db, actor, asOf, query.limit).execute();

  // biome-ignore lint/suspicious/noExplicitAny: the columns are named by bucket above
  const num = (r: any, key: string) => Number(r[key] ?? 0);
  const first = rows[0];
  const totalC = BUCKET_COLUMNS.map((b) => (first ? num(first, `all_c_${b}`) : 0));
  const totalN = BUCKET_COLUMNS.map((b) => (first ? num(first, `all_n_${b}`) : 0));
  const customerCount = first ? Number(first.customer_count) : 0;

  const customers = rows.map((r) => ({
    companyId: r.company_id,
    companyName: r.company_name ?? null,
    ...buckets(
      BUCKET_COLUMNS.map((b) => num(r, `c_${b}`)),
      BUCKET_COLUMNS.map((b) => num(r, `n_${b}`)),
    ),
  }));
  let others: AgingReport['others'] = null;
  if (customerCount > customers.length) {
    const restC = totalC.map((v, i) => v - customers.reduce((a, c) => a + bucketValues(c)[i]!.cents, 0));
    const restN = totalN.map((v, i) => v - customers.reduce((a, c) => a + bucketValues(c)[i]!.count, 0));
    others = { ...buckets(restC, restN), customerCount: customerCount - customers.length };
  }
  return { asOf, currency: 'EUR', total: buckets(totalC, totalN), customerCount, customers, others };
}

function bucketValues(b: AgingBuckets): AgingAmount[] {
  return [b.notDue, b.days1to30, b.days31to60, b.days61to90, b.over90];
}

// ─── history: what was invoiced, credited and collected per day ─────────────────────────────────

/** Per business date, in cents: the changes to the receivables on that day. */
interface DayFigures {
  invoiced: number;
  credited: number;
  collected: number;
  /** What had been paid on invoices cancelled (by a credit note) that day: no longer collectable. */
  paidOnCancelled: number;
}

/** Days in order with running sums; `at(day)` = the sums over all days up to and including `day`. */
class History {
  private readonly days: string[];
  private readonly running: DayFigures[];

  constructor(byDay: Map<string, DayFigures>) {
    this.days = [...byDay.keys()].sort();
    const acc: DayFigures = { invoiced: 0, credited: 0, collected: 0, paidOnCancelled: 0 };
    this.running = this.days.map((d) => {
      const f = byDay.get(d)!;
      acc.invoiced += f.invoiced;
      acc.credited += f.credited;
      acc.collected += f.collected;
      acc.paidOnCancelled += f.paidOnCancelled;
      return { ...acc };
    });
  }

  at(day: string): DayFigures {
    // the last index with days[i] <= day (binary search)
    let lo = 0;
    let hi = this.days.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]! <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? { invoiced: 0, credited: 0, collected: 0, paidOnCancelled: 0 } : this.running[found]!;
  }

  /** Receivables open at the end of `day`. */
  openAt(day: string): number {
    const f = this.at(day);
    return f.invoiced - f.credited - f.collected + f.paidOnCancelled;
  }

  /** Net invoiced (invoices − credit notes) in `from` … `to` (inclusive). */
  netInvoiced(from: string, to: string): number {
    const a = this.at(to);
    const b = this.at(addDays(from, -1));
    return a.invoiced - a.credited - (b.invoiced - b.credited);
  }

  /** The sums of the days in `from` … `to` (inclusive). */
  between(from: string, to: string): DayFigures {
    const a = this.at(to);
    const b = this.at(addDays(from, -1));
    return {
      invoiced: a.invoiced - b.invoiced,
      credited: a.credited - b.credited,
      collected: a.collected - b.collected,
      paidOnCancelled: a.paidOnCancelled - b.paidOnCancelled,
    };
  }
}

/**
 * The receivables' history up to `lastDay`, summed per day in SQL (a few hundred rows a year,
 * however many invoices): gross of invoices and of credit notes by issue date, payments allocated
 * to invoices by payment date, and what had been paid on invoices when a credit note cancelled them.
 * Open at the end of a day D = invoiced − credited − collected + paid on cancelled, each up to D:
 * a cancelled invoice leaves the receivables with its credit note, its payments with it.
 */
async function history(deps: ReceivablesDeps, actor: Actor, lastDay: string): Promise<History> {
  const issued = deps.db
    .selectFrom('invoices')
    .where('invoices.status', '!=', 'draft')
    .where('invoices.issue_date', '<=', lastDay)
    .where(invoicesOf(actor))
    .select([
      'invoices.issue_date as day',
      'invoices.kind',
      sql<number>`sum(invoices.gross_cents)`.as('cents'),
    ])
    .groupBy(['invoices.issue_date', 'invoices.kind'])
    .execute();
  const collected = deps.db
    .selectFrom('payment_allocations')
    .innerJoin('payments', 'payments.id', 'payment_allocations.payment_id')
    .innerJoin('invoices', 'invoices.id', 'payment_allocations.invoice_id')
    .where('invoices.kind', '=', 'invoice')
    .where('payments.date', '<=', lastDay)
    .where(invoicesOf(actor))
    .select(['payments.date as day', sql<number>`sum(payment_allocations.amount_cents)`.as('cents')])
    .groupBy('payments.date')
    .execute();
  const paidOnCancelled = deps.db
    .selectFrom('invoices as credit')
    .innerJoin('invoices', 'invoices.id', 'credit.corrects_invoice_id')
    .where('credit.kind', '=', 'credit_note')
    .where('credit.status', '!=', 'draft')
    .where('credit.issue_date', '<=', lastDay)
    .where('invoices.paid_cents', '>', 0)
    .where(invoicesOf(actor))
    .select(['credit.issue_date as day', sql<number>`sum(invoices.paid_cents)`.as('cents')])
    .groupBy('credit.issue_date')
    .execute();
  const [issuedRows, collectedRows, cancelledRows] = await Promise.all([issued, collected, paidOnCancelled]);

  const byDay = new Map<string, DayFigures>();
  const of = (day: string) =>
    byDay.get(day) ??
    byDay.set(day, { invoiced: 0, credited: 0, collected: 0, paidOnCancelled: 0 }).get(day)!;
  for (const r of issuedRows) {
    if (!r.day) continue;
    if (r.kind === 'credit_note') of(r.day).credited += Number(r.cents);
    else of(r.day).invoiced += Number(r.cents);
  }
  for (const r of collectedRows) of(r.day).collected += Number(r.cents);
  for (const r of cancelledRows) if (r.day) of(r.day).paidOnCancelled += Number(r.cents);
  return new History(byDay);
}

/** The last day of a month `YYYY-MM`. */
const monthEnd = (month: string) => addDays(`${addMonths(`${month}-01`, 1)}-01`, -1);

/** Days sales outstanding per month end (the current month: today) and now; formula in the contract. */
export async function dsoReport(deps: ReceivablesDeps, actor: Actor, query: DsoQuery): Promise<DsoReport> {
  const now = today(deps);
  const h = await history(deps, actor, now);
  const point = (month: string): DsoPoint => {
    // the month's last day; for the current month today
    let asOf = monthEnd(month);
    if (asOf > now) asOf = now;
    const openCents = h.openAt(asOf);
    const salesCents = h.netInvoiced(addDays(asOf, -(DSO_WINDOW_DAYS - 1)), asOf);
    return {
      month,
      asOf,
      openCents,
      salesCents,
      dso: salesCents > 0 ? Math.round((openCents / salesCents) * DSO_WINDOW_DAYS * 10) / 10 : null,
    };
  };
  const months = Array.from({ length: query.months }, (_, i) => point(addMonths(now, i - query.months + 1)));
  return { asOf: now, currency: 'EUR', windowDays: DSO_WINDOW_DAYS, current: months.at(-1)!, months };
}

/** Invoiced, credited, collected and open at month end, per month of the period. */
export async function cashFlowReport(
  deps: ReceivablesDeps,
  actor: Actor,
  query: CashFlowQuery,
): Promise<CashFlowReport> {
  const to = query.to ?? addMonths(today(deps), 0);
  const from = query.from ?? addMonths(`${to}-01`, -11);
  const count = monthsBetween(from, to) + 1;
  if (count > CASH_FLOW_MAX_MONTHS) {
    throw new AppError(
      'unprocessable',
      'receivables.period_too_long',
      `The period ${from} … ${to} has ${count} months; at most ${CASH_FLOW_MAX_MONTHS} are shown at once`,
      [{ path: 'from', message: `At most ${CASH_FLOW_MAX_MONTHS} months` }],
    );
  }
  const h = await history(deps, actor, monthEnd(to));
  const months: CashFlowMonth[] = Array.from({ length: count }, (_, i) => {
    const month = addMonths(`${from}-01`, i);
    const f = h.between(`${month}-01`, monthEnd(month));
    return {
      month,
      invoicedCents: f.invoiced,
      creditedCents: f.credited,
      netInvoicedCents: f.invoiced - f.credited,
      collectedCents: f.collected,
      openCents: h.openAt(monthEnd(month)),
    };
  });
  const sum = (key: 'invoicedCents' | 'creditedCents' | 'netInvoicedCents' | 'collectedCents') =>
    months.reduce((a, m) => a + m[key], 0);
  return {
    from,
    to,
    currency: 'EUR',
    months,
    total: {
      invoicedCents: sum('invoicedCents'),
      creditedCents: sum('creditedCents'),
      netInvoicedCents: sum('netInvoicedCents'),
      collectedCents: sum('collectedCents'),
    },
  };
}

function monthsBetween(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return index(to) - index(from);
}
