import { type Selectable, sql, type Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import type { DunningLevelsTable, DunningNoticesTable, DunningSettingsTable } from './dunning.tables';

export type DunningSettingsRow = Selectable<DunningSettingsTable>;
export type DunningLevelRow = Selectable<DunningLevelsTable>;
export type DunningNoticeRow = Selectable<DunningNoticesTable>;

// ─── settings and levels ─────────────────────────────────────────────────────────────────────────

/** The one settings row and the four levels in order (both made by the migration). */
export async function getDunningConfig(
  db: DbOrTx,
): Promise<{ settings: DunningSettingsRow; levels: DunningLevelRow[] }> {
  const [settings, levels] = await Promise.all([
    db.selectFrom('dunning_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
    db.selectFrom('dunning_levels').selectAll().orderBy('level').execute(),
  ]);
  return { settings, levels };
}

/** Optimistic on `version`; false when someone else changed the settings in between. */
export async function updateDunningSettingsRow(
  db: DbOrTx,
  version: number,
  patch: Omit<Updateable<DunningSettingsTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('dunning_settings')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', 1)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateDunningLevelRow(
  db: DbOrTx,
  level: number,
  patch: Omit<Updateable<DunningLevelsTable>, 'level'>,
): Promise<void> {
  await db.updateTable('dunning_levels').set(patch).where('level', '=', level).execute();
}

// ─── notices ─────────────────────────────────────────────────────────────────────────────────────

export function findNoticesOfInvoice(db: DbOrTx, invoiceId: string): Promise<DunningNoticeRow[]> {
  return db
    .selectFrom('dunning_notices')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('level')
    .execute();
}

export function findNotice(db: DbOrTx, id: string): Promise<DunningNoticeRow | undefined> {
  return db.selectFrom('dunning_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The total (open + fees + interest + lump sum) of each invoice's latest notice — the highest level —
 * for these invoices, in one query; invoices without a notice are missing from the map.
 */
export async function latestNoticeTotals(db: DbOrTx, invoiceIds: string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  if (invoiceIds.length === 0) return totals;
  const rows = await db
    .selectFrom('dunning_notices')
    .select(['invoice_id', 'total_cents'])
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('invoice_id')
    .orderBy('level', 'desc')
    .execute();
  for (const r of rows) if (!totals.has(r.invoice_id)) totals.set(r.invoice_id, Number(r.total_cents));
  return totals;
}

/**
 * Inserts notices; the unique (invoice_id, level) guards a second time behind the conditional
 * UPDATE: a notice that exists already is left alone. Returns the invoice ids of the rows inserted.
 */
export async function insertNotices(db: DbOrTx, rows: DunningNoticeRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const out = await db
      .insertInto('dunning_notices')
      .values(chunk)
      .onConflict((oc) => oc.columns(['invoice_id', 'level']).doNothing())
      .returning('invoice_id')
      .execute();
    for (const r of out) inserted.add(r.invoice_id);
  }
  return inserted;
}

// ─── the dunning step of the due sweep ───────────────────────────────────────────────────────────

export interface DunningCandidateRow {
  id: string;
  due_date: string | null;
  /** The notice of the level before (cumulative fees, lump sum), null for level 1. */
  prev_fee_cents: number | string | null;
  prev_lump_sum_cents: number | string | null;
}

export interface DunningCandidateQuery {
  /** The level the invoices move to; they are at level − 1 now. */
  level: number;
  /** Due on or before this date (as-of date − the level's days after due). */
  dueOnOrBefore: string;
  /** Levels > 1: the last notice on or before this date (as-of − the days between the levels). */
  lastDunnedOnOrBefore: string | null;
  limit: number;
  after: { dueDate: string; id: string } | null;
}

/**
 * The next invoices to move up to `level`: issued invoices (not credit notes) marked overdue, with
 * money open, not blocked, at level − 1, due long enough ago and (from level 2 on) dunned long
 * enough ago — in due-date order after `after` (keyset), through the partial index invoices_dunning.
 */
export function findDunningCandidates(db: DbOrTx, q: DunningCandidateQuery): Promise<DunningCandidateRow[]> {
  let query = db
    .selectFrom('invoices')
    .leftJoin('dunning_notices as prev', (join) =>
      join.onRef('prev.invoice_id', '=', 'invoices.id').on('prev.level', '=', q.level - 1),
    )
    .select([
      'invoices.id',
      'invoices.due_date',
      'prev.fee_cents as prev_fee_cents',
      'prev.lump_sum_cents as prev_lump_sum_cents',
    ])
    .where(sql<boolean>`invoices.status = 'issued'`)
    .where('invoices.overdue_at', 'is not', null)
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.dunning_level', '=', q.level - 1)
    .where('invoices.due_date', '<=', q.dueOnOrBefore)
    .where('invoices.open_cents', '>', 0)
    .where('invoices.dunning_blocked', '=', 0);
  if (q.lastDunnedOnOrBefore !== null)
    query = query.where('invoices.last_dunned_on', '<=', q.lastDunnedOnOrBefore);
  const after = q.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('invoices.due_date', '>', after.dueDate),
        eb.and([eb('invoices.due_date', '=', after.dueDate), eb('invoices.id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy('invoices.due_date').orderBy('invoices.id').limit(q.limit).execute();
}

/** What the dunning step needs of an invoice it moved up (and puts into the notice and `invoice.dunned`). */
export interface DunnedInvoiceRow {
  id: string;
  number: string | null;
  company_id: string;
  owner_id: string | null;
  team_id: string | null;
  open_cents: number | string;
  due_date: string | null;
  buyer_is_consumer: number;
}

/**
 * Moves the invoices from level − 1 to `level`, but only those still at level − 1, issued, open and
 * not blocked: this UPDATE decides (a concurrent sweep — PostgreSQL re-checks the WHERE after the
 * other's row locks — or a payment in between leaves them out). Like marking overdue, the version
 * stays: the invoice's content did not change and a payment at the same moment must not fail.
 */
export function advanceDunningLevel(
  db: DbOrTx,
  ids: string[],
  level: number,
  at: { now: string; today: string },
): Promise<DunnedInvoiceRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .updateTable('invoices')
    .set({ dunning_level: level, last_dunned_on: at.today, updated_at: at.now })
    .where('id', 'in', ids)
    .where('dunning_level', '=', level - 1)
    .where('status', '=', 'issued')
    .where('open_cents', '>', 0)
    .where('dunning_blocked', '=', 0)
    .returning([
      'id',
      'number',
      'company_id',
      'owner_id',
      'team_id',
      'open_cents',
      'due_date',
      'buyer_is_consumer',
    ])
    .execute();
}
