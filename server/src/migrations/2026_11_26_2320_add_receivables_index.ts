import { type Kysely, sql } from 'kysely';

/**
 * `invoices_receivables` for the AR aging (`GET /api/reports/receivables/aging`): the open
 * receivables (issued invoices with an open amount; credit notes are never open) in company order,
 * with the due date that decides the bucket and the open amount summed. The report's GROUP BY
 * company then reads these index entries only, in group order: no table rows, no sort. The older
 * `invoices_open_due` (due date first) has no company and would need every open invoice's row and
 * a temporary B-tree for the grouping.
 *
 * Partial, so it holds only what is open (a small part of all invoices, however many were paid).
 * The report names the same conditions with literal values, so SQLite can use it; it starts with
 * the condition's column (`status`), so SQLite sees the query's `status = 'issued'` as a search of
 * this index and prefers it to `invoices_status_due` (which it chose otherwise, with statistics,
 * and then sorted every open invoice for the grouping). Measured on 1M invoices with 200k open
 * (SQLite, shared machine): 0.6–0.9 s before ~1.1–2.5 s; a raw `GROUP BY company_id` over the
 * open invoices ~1–2 s.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('invoices_receivables')
    .on('invoices')
    .columns(['status', 'company_id', 'due_date', 'open_cents'])
    .where(sql<boolean>`status = 'issued' and kind = 'invoice' and open_cents > 0`)
    .execute();
}
