import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import type { InvoiceRow } from './invoices.repository';

/** What the automation engine reads of invoices (record type `invoice`): by ids, by date, recent. */

const CHUNK = 500;

/** Invoices by id (credit notes too), set-based: one query per 500 ids. */
export async function findInvoicesByIds(db: DbOrTx, ids: readonly string[]): Promise<InvoiceRow[]> {
  const unique = [...new Set(ids)];
  const out: InvoiceRow[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    out.push(
      ...(await db
        .selectFrom('invoices')
        .selectAll()
        .where('id', 'in', unique.slice(i, i + CHUNK))
        .execute()),
    );
  }
  return out;
}

/** The date fields a date trigger can start from, and which invoices count for each. */
export const INVOICE_DATE_FIELDS = ['dueDate', 'issueDate', 'overdueSince'] as const;
export type InvoiceDateField = (typeof INVOICE_DATE_FIELDS)[number];

/**
 * Ids of invoices whose date `field` is `date`, in id order after `after`:
 * - `dueDate`, `overdueSince`: issued invoices with money open (a reminder before or after the due
 *   date is about what is still to be paid; index `invoices_status_due`);
 * - `issueDate`: issued or paid invoices (index `invoices_issue_date`).
 * Credit notes never.
 */
export async function findInvoiceIdsByDate(
  db: DbOrTx,
  field: InvoiceDateField,
  date: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let q = db.selectFrom('invoices').select('id').where('kind', '=', 'invoice');
  if (field === 'issueDate') {
    q = q.where('issue_date', '=', date).where('status', 'in', ['issued', 'paid']);
  } else {
    q = q
      .where(sql<boolean>`status = 'issued'`)
      .where(field === 'dueDate' ? 'due_date' : 'overdue_since', '=', date)
      .where('open_cents', '>', 0);
  }
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The newest invoices (dry runs without a chosen record), by creation (indexed). */
export async function findRecentInvoiceIds(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('id')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
