import { type Selectable, sql, type Updateable } from 'kysely';
import type { InvoiceKind, InvoiceStatus } from '../../../../contracts/billing';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { paginate, type SortSpec } from '../../platform/db/pagination';
import { visibleTo } from '../../platform/db/visibility';
import type { InvoiceLinesTable, InvoicesTable } from './billing.tables';

export type InvoiceRow = Selectable<InvoicesTable>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;

/**
 * Invoices the actor may see: like the deal or company they were made from (owner and team are
 * copied onto the invoice): sales their own, managers their teams', admins and accounting all.
 */
export function invoicesVisibleTo(actor: Actor) {
  return visibleTo(actor, { ownerColumn: 'invoices.owner_id', teamColumn: 'invoices.team_id' });
}

/** One invoice, if the actor may see it (no actor: the system, sees all). */
export function findInvoice(db: DbOrTx, id: string, actor?: Actor): Promise<InvoiceRow | undefined> {
  let q = db.selectFrom('invoices').selectAll('invoices').where('invoices.id', '=', id);
  if (actor) q = q.where(invoicesVisibleTo(actor));
  return q.executeTakeFirst();
}

/** Reads the invoice row again and locks it until the transaction ends (PostgreSQL; SQLite has one writer). */
export function lockInvoice(db: DbOrTx, id: string, dialect: 'sqlite' | 'postgres') {
  let q = db.selectFrom('invoices').selectAll().where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findInvoiceBySourceKey(db: DbOrTx, sourceKey: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('source_key', '=', sourceKey).executeTakeFirst();
}

export function findLinesOfInvoice(db: DbOrTx, invoiceId: string): Promise<InvoiceLineRow[]> {
  return db
    .selectFrom('invoice_lines')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

export function insertInvoice(db: DbOrTx, row: InvoiceRow) {
  return db.insertInto('invoices').values(row).execute();
}

export async function insertInvoiceLines(db: DbOrTx, rows: InvoiceLineRow[]) {
  if (rows.length) await db.insertInto('invoice_lines').values(rows).execute();
}

export async function replaceInvoiceLines(db: DbOrTx, invoiceId: string, rows: InvoiceLineRow[]) {
  await db.deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).execute();
  await insertInvoiceLines(db, rows);
}

/** Optimistic update on `version`; false when someone else changed the invoice in between. */
export async function updateInvoiceRow(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<InvoicesTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('invoices')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a draft (its lines go with it); false when it is no draft of this version any more. */
export async function deleteDraftRow(db: DbOrTx, id: string, version: number): Promise<boolean> {
  const result = await db
    .deleteFrom('invoices')
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export interface InvoiceFilter {
  status?: InvoiceStatus | undefined;
  kind?: InvoiceKind | undefined;
  /** true: issued and due before `today` or marked by the due sweep (see isOverdue); false: all others. */
  overdue?: boolean | undefined;
  open?: boolean | undefined;
  companyId?: string | undefined;
  dealId?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  q?: string | undefined;
  /** At this dunning level (0 = not dunned yet). */
  dunningLevel?: number | undefined;
  today: string;
}

export const INVOICE_SORT_COLUMNS: Record<string, keyof InvoiceRow> = {
  number: 'number',
  issueDate: 'issue_date',
  dueDate: 'due_date',
  grossCents: 'gross_cents',
  openCents: 'open_cents',
  createdAt: 'created_at',
};

function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A page of invoices the actor sees. Sorting by a column that is null for drafts (number, dates)
 * keeps only rows with a value, so the keyset stays exact.
 */
export function listInvoiceRows(
  db: DbOrTx,
  actor: Actor,
  filter: InvoiceFilter,
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  let q = db.selectFrom('invoices').selectAll('invoices').where(invoicesVisibleTo(actor));
  if (filter.status) q = q.where('invoices.status', '=', filter.status);
  if (filter.kind) q = q.where('invoices.kind', '=', filter.kind);
  if (filter.companyId) q = q.where('invoices.company_id', '=', filter.companyId);
  if (filter.dealId) q = q.where('invoices.deal_id', '=', filter.dealId);
  if (filter.dueFrom) q = q.where('invoices.due_date', '>=', filter.dueFrom);
  if (filter.dueTo) q = q.where('invoices.due_date', '<=', filter.dueTo);
  if (filter.dunningLevel !== undefined) q = q.where('invoices.dunning_level', '=', filter.dunningLevel);
  if (filter.overdue === true) {
    q = q
      .where('invoices.status', '=', 'issued')
      .where((eb) =>
        eb.or([eb('invoices.due_date', '<', filter.today), eb('invoices.overdue_at', 'is not', null)]),
      );
  } else if (filter.overdue === false) {
    q = q.where((eb) =>
      eb.or([
        eb('invoices.status', '!=', 'issued'),
        eb.and([
          eb.or([eb('invoices.due_date', 'is', null), eb('invoices.due_date', '>=', filter.today)]),
          eb('invoices.overdue_at', 'is', null),
        ]),
      ]),
    );
  }
  if (filter.open === true)
    q = q.where('invoices.status', '=', 'issued').where('invoices.open_cents', '>', 0);
  else if (filter.open === false) q = q.where('invoices.open_cents', '=', 0);
  if (filter.q) {
    const p = likePattern(filter.q);
    q = q.where(
      sql<boolean>`(lower(invoices.number) like ${p} escape '\\' or lower(invoices.buyer_name) like ${p} escape '\\')`,
    );
  }
  const field = INVOICE_SORT_COLUMNS[page.sort.column.replace(/^invoices\./, '')] ?? 'created_at';
  const column = `invoices.${field}`;
  if (field !== 'created_at' && field !== 'gross_cents' && field !== 'open_cents') {
    q = q.where(sql.ref(column), 'is not', null);
  }
  return paginate(q, {
    sort: { column, direction: page.sort.direction },
    idColumn: 'invoices.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (r) => ({ value: r[field], id: r.id }),
  });
}

/** The invoices of a deal (newest first). */
export function findInvoicesOfDeal(db: DbOrTx, dealId: string) {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('deal_id', '=', dealId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Invoice numbers by id (null for drafts), for other domains that name invoices (collection tasks). */
export async function getInvoiceNumbers(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('invoices').select(['id', 'number']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

/**
 * Status, open amount and company of invoices by id, for other domains reacting to billing's
 * events in batches (collection tasks); ids that do not exist are missing from the map.
 */
export async function getInvoiceStates(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, { status: string; openCents: number; companyId: string }>> {
  const out = new Map<string, { status: string; openCents: number; companyId: string }>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('invoices')
      .select(['id', 'status', 'open_cents', 'company_id'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.id, { status: r.status, openCents: Number(r.open_cents), companyId: r.company_id });
  }
  return out;
}
