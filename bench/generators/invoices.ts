import type SQLite from 'better-sqlite3';
import { formatInvoiceNumber } from '../../server/src/domains/billing/numbering';
import { businessDate } from '../../server/src/platform/clock';
import { dropIndexes, germanIban, isoSeconds } from './crm';
import { uuidv7Factory } from './ids';
import { makeRng } from './pools';

/**
 * The billing data of the bench (issue 5), written straight into Kontor's migrated tables with
 * prepared statements like the CRM data (generators/crm.ts): `count` issued invoices of the CRM
 * data's customers, numbered `RE-<year>-<n>` in issue order like the numbering service does, and
 * the billing settings with a collections team ("Vertrieb & Inkasso").
 *
 * The mix (relative to the run's "now", so every run sees the same shares):
 *   10 % issued, due 4–6 days ago (past the 3 grace days), not yet marked overdue — the due
 *        sweep's work (row 10); the dunning step's first level comes 7 days after the due date,
 *        so the sweep makes the collection tasks and writes no dunning letters
 *   55 % issued and open, not due yet                          — what bank statements pay (row 11)
 *   35 % paid in full
 * Customers are a tenth of the invoice count (at most all companies), about ten invoices each;
 * every customer has a known IBAN (companies.iban, set where the CRM data left it empty), which
 * the matching of payments without an invoice number uses. No invoice lines: the sweep, the
 * matching and the AR aging read only the invoice rows.
 */

export interface InvoiceOptions {
  count: number;
  seed: number;
  /** The run's "now" (ms): due dates lie around it. */
  now: number;
  timezone: string;
  companyIds: readonly string[];
  companyNames: readonly string[];
  /** Owner of each company (index into ownerIds). */
  companyOwner: Uint32Array;
  ownerIds: readonly string[];
}

export const INVOICE_NUMBER_FORMAT = 'RE-{YYYY}-{NNNNN}';
export const GRACE_DAYS = 3;
export const COLLECTIONS_TEAM = 'Vertrieb & Inkasso';
/** The seller's own account (the bank statement's account). */
export const SELLER_IBAN = 'DE89370400440532013000';

/** Status codes of the generated invoices. */
export const PAST_DUE = 0;
export const OPEN = 1;
export const PAID = 2;

export interface InvoiceData {
  invoices: number;
  pastDue: number;
  open: number;
  paid: number;
  customers: number;
  /** Customers whose IBAN the generator set (the CRM data gives IBANs to suppliers only). */
  ibansSet: number;
  today: string;
  collectionsTeamId: string;
  collectionsMembers: number;
  /** Per invoice, in insert (issue) order. */
  ids: string[];
  numbers: string[];
  status: Uint8Array;
  openCents: Int32Array;
  /** Index into companyIds. */
  company: Uint32Array;
  /** IBAN of each customer (by company index). */
  ibanOf: Map<number, string>;
}

export interface InvoiceTimings {
  invoices: number;
  indexes: number;
}

const DAY = 86_400_000;

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * DAY;
  return new Date(t).toISOString().slice(0, 10);
}

export function insertInvoiceData(
  sqlite: SQLite.Database,
  opts: InvoiceOptions,
): { data: InvoiceData; timings: InvoiceTimings } {
  const rng = makeRng(opts.seed ^ 0xb111);
  const uuid = uuidv7Factory(makeRng(opts.seed ^ 0xb112).uint32);
  const today = businessDate(new Date(opts.now), opts.timezone);
  const n = opts.count;
  const companies = opts.companyIds.length;
  const customers = Math.max(1, Math.min(companies, Math.round(n / 10)));
  // customers spread over the whole company table
  const customerIdx = new Uint32Array(customers);
  for (let i = 0; i < customers; i++) customerIdx[i] = Math.floor((i * companies) / customers);

  // what each invoice is: status, dates, amounts (then written in issue order)
  const status = new Uint8Array(n);
  const company = new Uint32Array(n);
  const gross = new Int32Array(n);
  const net = new Int32Array(n);
  const issueDay = new Int32Array(n);
  const payDays = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    const s = r < 0.1 ? PAST_DUE : r < 0.65 ? OPEN : PAID;
    status[i] = s;
    company[i] = customerIdx[rng.int(customers)]!;
    const days = rng.pick([14, 14, 30, 30, 30, 45]);
    payDays[i] = days;
    // net 50,00 € – 25.000,00 €, log-spread; 19 % VAT
    const cents = Math.round(Math.exp(Math.log(5_000) + rng.next() * Math.log(500)));
    net[i] = cents;
    gross[i] = cents + Math.round(cents * 0.19);
    // days from today: past-due ones due 4–6 days ago (just past the 3 grace days: what a daily
    // sweep finds after a long weekend; not yet 7 days, so the sweep's dunning step does not dun
    // them yet), open ones due today … +days-1, paid ones issued in the last two years
    let issueOffset: number;
    if (s === PAST_DUE) issueOffset = -(GRACE_DAYS + rng.between(1, 3)) - days;
    else if (s === OPEN) issueOffset = rng.between(0, days - 1) - days;
    else issueOffset = -rng.between(days, 730);
    issueDay[i] = issueOffset;
  }
  // issue order (oldest first), as issuing assigns numbers and ids
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => issueDay[a]! - issueDay[b]! || a - b);

  const t0 = performance.now();
  const restore = dropIndexes(sqlite, ['invoices']);
  const insert = sqlite.prepare(
    `INSERT INTO invoices (id, kind, status, number, company_id, buyer_name, buyer_street, buyer_postal_code,
       buyer_city, buyer_country, issue_date, due_date, service_date, payment_days, currency, net_cents, vat_cents,
       gross_cents, paid_cents, open_cents, owner_id, team_id, issued_at, paid_at, created_at, updated_at, version)
     VALUES (?, 'invoice', ?, ?, ?, ?, ?, ?, ?, 'DE', ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 1)`,
  );
  const ids: string[] = new Array(n);
  const numbers: string[] = new Array(n);
  const outStatus = new Uint8Array(n);
  const outOpen = new Int32Array(n);
  const outCompany = new Uint32Array(n);
  const series = new Map<number, number>();
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  sqlite.exec('BEGIN');
  try {
    order.forEach((i, k) => {
      const issue = addDays(today, issueDay[i]!);
      const due = addDays(issue, payDays[i]!);
      const issuedMs = todayMs + issueDay[i]! * DAY + 8 * 3_600_000 + rng.int(9 * 3_600_000);
      const year = Number(issue.slice(0, 4));
      const seq = (series.get(year) ?? 0) + 1;
      series.set(year, seq);
      const id = uuid(issuedMs);
      const number = formatInvoiceNumber(INVOICE_NUMBER_FORMAT, year, seq);
      const s = status[i]!;
      const g = gross[i]!;
      const paid = s === PAID;
      const paidAt = paid
        ? isoSeconds(Math.min(issuedMs + rng.between(3, payDays[i]! + 20) * DAY, opts.now - 3_600_000))
        : null;
      const c = company[i]!;
      const at = isoSeconds(issuedMs);
      insert.run(
        id,
        paid ? 'paid' : 'issued',
        number,
        opts.companyIds[c]!,
        opts.companyNames[c]!,
        'Industriestraße 12',
        '20095',
        'Hamburg',
        issue,
        due,
        issue,
        payDays[i]!,
        net[i]!,
        g - net[i]!,
        g,
        paid ? g : 0,
        paid ? 0 : g,
        opts.ownerIds[opts.companyOwner[c]!]!,
        at,
        paidAt,
        at,
        paidAt ?? at,
      );
      ids[k] = id;
      numbers[k] = number;
      outStatus[k] = s;
      outOpen[k] = paid ? 0 : g;
      outCompany[k] = c;
    });
    const setSeries = sqlite.prepare(
      `INSERT INTO invoice_number_series (series, next_number) VALUES (?, ?)
       ON CONFLICT (series) DO UPDATE SET next_number = excluded.next_number`,
    );
    for (const [year, last] of series) setSeries.run(`invoice:${year}`, last + 1);
    sqlite.exec('COMMIT');
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
  const t1 = performance.now();
  sqlite.exec('BEGIN');
  try {
    restore();
    sqlite.exec('COMMIT');
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
  const t2 = performance.now();

  // customers' IBANs, the collections team, the billing settings
  const ibanOf = new Map<number, string>();
  let ibansSet = 0;
  let collectionsTeamId = '';
  let collectionsMembers = 0;
  sqlite.exec('BEGIN');
  try {
    const read = sqlite.prepare('SELECT iban FROM companies WHERE id = ?').pluck();
    const setIban = sqlite.prepare('UPDATE companies SET iban = ?, bic = ? WHERE id = ?');
    for (const c of customerIdx) {
      const id = opts.companyIds[c]!;
      let iban = read.get(id) as string | null;
      if (!iban) {
        iban = germanIban(rng);
        setIban.run(iban, 'COBADEFFXXX', id);
        ibansSet++;
      }
      ibanOf.set(c, iban);
    }
    const at = isoSeconds(opts.now - 400 * DAY);
    collectionsTeamId = uuid(opts.now - 400 * DAY);
    sqlite
      .prepare(
        'INSERT INTO teams (id, name, description, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, 1)',
      )
      .run(collectionsTeamId, COLLECTIONS_TEAM, 'Forderungsmanagement und Vertrieb', at, at);
    const member = sqlite.prepare('INSERT INTO team_members (team_id, user_id, added_at) VALUES (?, ?, ?)');
    // every fourth owner: a quarter of the collection tasks go to the invoice's owner, the rest to the team
    for (let i = 0; i < opts.ownerIds.length; i += 4) {
      member.run(collectionsTeamId, opts.ownerIds[i]!, at);
      collectionsMembers++;
    }
    sqlite
      .prepare(
        `UPDATE billing_settings SET seller_name = ?, street = ?, postal_code = ?, city = ?, country = 'DE',
           vat_id = ?, iban = ?, bic = ?, bank_name = ?, invoice_number_format = ?, grace_days = ?,
           collections_team_id = ?, updated_at = ?, version = version + 1 WHERE id = 1`,
      )
      .run(
        'Kontor Bench Maschinenbau GmbH',
        'Hafenstraße 1',
        '20457',
        'Hamburg',
        'DE123456789',
        SELLER_IBAN,
        'COBADEFFXXX',
        'Commerzbank',
        INVOICE_NUMBER_FORMAT,
        GRACE_DAYS,
        collectionsTeamId,
        at,
      );
    sqlite.exec('COMMIT');
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }

  let pastDue = 0;
  let open = 0;
  for (let k = 0; k < n; k++) {
    if (outStatus[k] === PAST_DUE) pastDue++;
    else if (outStatus[k] === OPEN) open++;
  }
  return {
    data: {
      invoices: n,
      pastDue,
      open,
      paid: n - pastDue - open,
      customers,
      ibansSet,
      today,
      collectionsTeamId,
      collectionsMembers,
      ids,
      numbers,
      status: outStatus,
      openCents: outOpen,
      company: outCompany,
      ibanOf,
    },
    timings: { invoices: (t1 - t0) / 1000, indexes: (t2 - t1) / 1000 },
  };
}
