import { sql } from 'kysely';
import type { DbOrTx, Dialect } from '../../platform/db/database';

/** What the due sweep needs of an invoice it marks overdue (and puts into `invoice.overdue`). */
export interface OverdueInvoiceRow {
  id: string;
  number: string | null;
  company_id: string;
  owner_id: string | null;
  team_id: string | null;
  open_cents: number | string;
  due_date: string | null;
}

/**
 * PostgreSQL: sweeps on several workers take turns per batch (SQLite has one writer anyway);
 * correctness does not rest on it — the conditional UPDATE does — it only avoids lock waits.
 */
export async function lockDueSweep(trx: DbOrTx, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext('billing.due-sweep'))`.execute(trx);
}

/**
 * The next issued invoices (not credit notes) with an open amount whose due date is before
 * `dueBefore` and that are not marked overdue yet, in due-date order after `after` (keyset).
 * Reads through the partial index `invoices_open_due`.
 */
export function findOverdueCandidates(
  db: DbOrTx,
  dueBefore: string,
  limit: number,
  after: { dueDate: string; id: string } | null,
): Promise<Array<{ id: string; due_date: string | null }>> {
  let q = db
    .selectFrom('invoices')
    .select(['id', 'due_date'])
    .where(sql<boolean>`status = 'issued'`)
    .where('kind', '=', 'invoice')
    .where('due_date', '<', dueBefore)
    .where('open_cents', '>', 0)
    .where('overdue_at', 'is', null);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('due_date', '>', after.dueDate),
        eb.and([eb('due_date', '=', after.dueDate), eb('id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('due_date').orderBy('id').limit(limit).execute();
}

/**
 * Marks the invoices overdue, but only those still issued, open and unmarked: this UPDATE decides.
 * A concurrent sweep (PostgreSQL re-checks the WHERE after waiting for the other's row locks) or a
 * payment in between leaves them out, so each invoice is returned — and raises its event — once.
 * The version is not increased: the invoice's content did not change, and a payment recorded at
 * the same moment must not fail with a stale version.
 */
export function markOverdue(
  db: DbOrTx,
  ids: string[],
  at: { now: string; today: string },
): Promise<OverdueInvoiceRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .updateTable('invoices')
    .set({ overdue_at: at.now, overdue_since: at.today, updated_at: at.now })
    .where('id', 'in', ids)
    .where('overdue_at', 'is', null)
    .where('status', '=', 'issued')
    .where('open_cents', '>', 0)
    .returning(['id', 'number', 'company_id', 'owner_id', 'team_id', 'open_cents', 'due_date'])
    .execute();
}
