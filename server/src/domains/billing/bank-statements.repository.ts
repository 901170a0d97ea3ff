import { type Selectable, sql } from 'kysely';
import type {
  BankEntry,
  BankEntryStatus,
  BankEntrySuggestion,
  BankStatement,
} from '../../../../contracts/bank-statements';
import type { DbOrTx, Dialect } from '../../platform/db/database';
import type { BankEntriesTable, BankStatementsTable } from './bank-statements.tables';
import './bank-statements.tables';

export type BankStatementRow = Selectable<BankStatementsTable>;
export type BankEntryRow = Selectable<BankEntriesTable>;

/** Inserts the statement unless one with its fingerprint exists; true when inserted. */
export async function insertStatementOnce(db: DbOrTx, row: BankStatementRow): Promise<boolean> {
  const res = await db
    .insertInto('bank_statements')
    .values(row)
    .onConflict((oc) => oc.column('fingerprint').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findStatementByFingerprint(db: DbOrTx, fingerprint: string) {
  return db
    .selectFrom('bank_statements')
    .selectAll()
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
}

export async function findStatementRow(db: DbOrTx, id: string) {
  return db.selectFrom('bank_statements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEntries(db: DbOrTx, rows: BankEntryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('bank_entries')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

/**
 * Serialises imports into one account until the transaction ends (PostgreSQL; SQLite has one
 * writer anyway), so two overlapping CSV exports imported at once do not both keep an entry.
 */
export async function lockAccountForImport(db: DbOrTx, accountIban: string, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(${`bank-import:${accountIban}`}))`.execute(db);
}

/**
 * The entry refs among `refs` that statements of this account hold already (CSV entries of
 * overlapping exports).
 */
export async function existingEntryRefs(
  db: DbOrTx,
  accountIban: string,
  refs: string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < refs.length; i += 500) {
    const rows = await db
      .selectFrom('bank_entries')
      .innerJoin('bank_statements', 'bank_statements.id', 'bank_entries.statement_id')
      .select('bank_entries.entry_ref')
      .where('bank_statements.account_iban', '=', accountIban)
      .where('bank_entries.entry_ref', 'in', refs.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.entry_ref);
  }
  return out;
}

/** The statement of this account holding one of these entry refs (the first import of them). */
export async function statementHoldingEntry(db: DbOrTx, accountIban: string, ref: string) {
  return db
    .selectFrom('bank_statements')
    .innerJoin('bank_entries', 'bank_entries.statement_id', 'bank_statements.id')
    .selectAll('bank_statements')
    .where('bank_statements.account_iban', '=', accountIban)
    .where('bank_entries.entry_ref', '=', ref)
    .orderBy('bank_statements.id')
    .executeTakeFirst();
}

// ─── remembered CSV mappings ──────────────────────────────────────────────────────────────────────

/**
 * The mapping remembered for this layout and account (`exact`), else the newest for this layout —
 * which may be another account's: such a one may be proposed, never used without asking.
 */
export async function findCsvMapping(db: DbOrTx, signature: string, accountIban: string | null) {
  if (accountIban) {
    const exact = await db
      .selectFrom('bank_csv_mappings')
      .selectAll()
      .where('signature', '=', signature)
      .where('account_iban', '=', accountIban)
      .executeTakeFirst();
    if (exact) return { ...exact, exact: true };
  }
  const layout = await db
    .selectFrom('bank_csv_mappings')
    .selectAll()
    .where('signature', '=', signature)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return layout ? { ...layout, exact: false } : undefined;
}

export async function saveCsvMapping(
  db: DbOrTx,
  row: {
    signature: string;
    account_iban: string;
    mapping: string;
    columns: string;
    now: string;
    by: string | null;
  },
): Promise<void> {
  await db
    .insertInto('bank_csv_mappings')
    .values({
      signature: row.signature,
      account_iban: row.account_iban,
      mapping: row.mapping,
      columns: row.columns,
      created_at: row.now,
      updated_at: row.now,
      updated_by: row.by,
    })
    .onConflict((oc) =>
      oc.columns(['signature', 'account_iban']).doUpdateSet({
        mapping: row.mapping,
        columns: row.columns,
        updated_at: row.now,
        updated_by: row.by,
      }),
    )
    .execute();
}

export async function listStatementRows(db: DbOrTx, limit: number, cursor?: string) {
  let q = db
    .selectFrom('bank_statements')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (cursor) q = q.where('id', '<', cursor);
  return q.execute();
}

/** matched / review counts per statement. */
export async function countEntriesByStatus(
  db: DbOrTx,
  statementIds: string[],
): Promise<Map<string, { matched: number; review: number }>> {
  const out = new Map<string, { matched: number; review: number }>();
  if (statementIds.length === 0) return out;
  const rows = await db
    .selectFrom('bank_entries')
    .select(['statement_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('statement_id', 'in', statementIds)
    .where('status', 'in', ['matched', 'review'])
    .groupBy(['statement_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.statement_id) ?? { matched: 0, review: 0 };
    if (r.status === 'matched') c.matched = Number(r.n);
    if (r.status === 'review') c.review = Number(r.n);
    out.set(r.statement_id, c);
  }
  return out;
}

export async function listEntryRows(
  db: DbOrTx,
  filter: { status?: BankEntryStatus; statementId?: string; limit: number; cursor?: string },
) {
  let q = db
    .selectFrom('bank_entries')
    .selectAll()
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.statementId) q = q.where('statement_id', '=', filter.statementId);
  if (filter.cursor) q = q.where('id', '>', filter.cursor);
  return q.execute();
}

export async function entriesOfStatement(db: DbOrTx, statementId: string) {
  return db
    .selectFrom('bank_entries')
    .selectAll()
    .where('statement_id', '=', statementId)
    .orderBy('position')
    .execute();
}

export async function findEntryRow(db: DbOrTx, id: string) {
  return db.selectFrom('bank_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockEntry(db: DbOrTx, id: string, dialect: Dialect) {
  let q = db.selectFrom('bank_entries').selectAll().where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateEntry(
  db: DbOrTx,
  id: string,
  patch: Partial<Omit<BankEntryRow, 'id' | 'statement_id'>>,
): Promise<void> {
  await db.updateTable('bank_entries').set(patch).where('id', '=', id).execute();
}

/** The invoice allocations of the payments made from these entries. */
export async function allocationsOfEntries(
  db: DbOrTx,
  entryIds: string[],
): Promise<Map<string, BankEntry['allocations']>> {
  const out = new Map<string, BankEntry['allocations']>();
  if (entryIds.length === 0) return out;
  const rows = await db
    .selectFrom('payments')
    .innerJoin('payment_allocations', 'payment_allocations.payment_id', 'payments.id')
    .innerJoin('invoices', 'invoices.id', 'payment_allocations.invoice_id')
    .select([
      'payments.bank_entry_id',
      'payment_allocations.invoice_id',
      'payment_allocations.amount_cents',
      'invoices.number',
    ])
    .where('payments.bank_entry_id', 'in', entryIds)
    .orderBy('invoices.number')
    .execute();
  for (const r of rows) {
    const list = out.get(r.bank_entry_id!) ?? [];
    list.push({ invoiceId: r.invoice_id, invoiceNumber: r.number, amountCents: Number(r.amount_cents) });
    out.set(r.bank_entry_id!, list);
  }
  return out;
}

export function toBankStatement(
  row: BankStatementRow,
  counts: { matched: number; review: number } = { matched: 0, review: 0 },
): BankStatement {
  return {
    id: row.id,
    format: row.format,
    accountIban: row.account_iban,
    statementId: row.statement_ref,
    fromDate: row.from_date,
    toDate: row.to_date,
    openingBalanceCents: row.opening_balance_cents === null ? null : Number(row.opening_balance_cents),
    closingBalanceCents: row.closing_balance_cents === null ? null : Number(row.closing_balance_cents),
    entryCount: Number(row.entry_count),
    matchedCount: counts.matched,
    reviewCount: counts.review,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
  };
}

export function toBankEntry(row: BankEntryRow, allocations: BankEntry['allocations'] = []): BankEntry {
  return {
    id: row.id,
    statementId: row.statement_id,
    bookingDate: row.booking_date,
    valueDate: row.value_date,
    amountCents: Number(row.amount_cents),
    creditDebit: row.credit_debit,
    counterpartyName: row.counterparty_name,
    counterpartyIban: row.counterparty_iban,
    remittance: row.remittance,
    endToEndId: row.end_to_end_id,
    status: row.status,
    confidence: Number(row.confidence),
    note: row.note,
    suggestions: JSON.parse(row.suggestions) as BankEntrySuggestion[],
    allocations,
  };
}

// ─── invoices to match against (billing's own table) ──────────────────────────────────────────────

export interface OpenInvoice {
  id: string;
  number: string | null;
  status: string;
  companyId: string;
  buyerName: string;
  openCents: number;
}

const openInvoiceColumns = ['id', 'number', 'status', 'company_id', 'buyer_name', 'open_cents'] as const;
const toOpen = (r: {
  id: string;
  number: string | null;
  status: string;
  company_id: string;
  buyer_name: string;
  open_cents: number;
}): OpenInvoice => ({
  id: r.id,
  number: r.number,
  status: r.status,
  companyId: r.company_id,
  buyerName: r.buyer_name,
  openCents: Number(r.open_cents),
});

/**
 * Invoices (not credit notes) with these numbers, whatever their status. On PostgreSQL locked (in
 * id order) until the import commits, so the open amounts the decision rests on stay true.
 */
export async function invoicesByNumbers(
  db: DbOrTx,
  numbers: string[],
  dialect: Dialect,
): Promise<OpenInvoice[]> {
  if (numbers.length === 0) return [];
  let q = db
    .selectFrom('invoices')
    .select(openInvoiceColumns)
    .where('number', 'in', numbers)
    .where('kind', '=', 'invoice')
    .orderBy('id');
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.execute()).map(toOpen);
}

/** Issued invoices whose open amount is exactly this (at most `limit`). */
export async function openInvoicesWithAmount(db: DbOrTx, cents: number, limit = 50): Promise<OpenInvoice[]> {
  const rows = await db
    .selectFrom('invoices')
    .select(openInvoiceColumns)
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('open_cents', '=', cents)
    .orderBy('due_date')
    .limit(limit)
    .execute();
  return rows.map(toOpen);
}

export async function invoicesByIds(db: DbOrTx, ids: string[]): Promise<OpenInvoice[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('invoices').select(openInvoiceColumns).where('id', 'in', ids).execute();
  return rows.map(toOpen);
}
