import {
  type BankEntry,
  type BankEntryList,
  BankEntryListQuery,
  type BankStatementList,
  BankStatementListQuery,
  type BankStatementWithEntries,
  MatchBankEntry,
} from '../../../../contracts/bank-statements';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Tx } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/http/errors';
import { paymentOf } from './bank-statements.import';
import {
  allocationsOfEntries,
  type BankEntryRow,
  countEntriesByStatus,
  entriesOfStatement,
  findEntryRow,
  findStatementRow,
  invoicesByIds,
  listEntryRows,
  listStatementRows,
  lockEntry,
  toBankEntry,
  toBankStatement,
  updateEntry,
} from './bank-statements.repository';
import { recordBankPayment } from './payments.service';
import type { BillingDeps } from './settings.service';

export { importBankStatement, previewBankCsv, statementFingerprint } from './bank-statements.import';

function formatCents(cents: number): string {
  return `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

const unprocessable = (code: string, message: string, path?: string) =>
  new AppError('unprocessable', code, message, path ? [{ path, message }] : undefined);

async function entriesWithAllocations(
  db: BillingDeps['db'] | Tx,
  rows: BankEntryRow[],
): Promise<BankEntry[]> {
  const allocations = await allocationsOfEntries(
    db,
    rows.filter((r) => r.status === 'matched').map((r) => r.id),
  );
  return rows.map((r) => toBankEntry(r, allocations.get(r.id) ?? []));
}

export async function listBankStatements(deps: BillingDeps, raw: unknown): Promise<BankStatementList> {
  const q = BankStatementListQuery.parse(raw);
  const rows = await listStatementRows(deps.db, q.limit, q.cursor);
  const page = rows.slice(0, q.limit);
  const counts = await countEntriesByStatus(
    deps.db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => toBankStatement(r, counts.get(r.id))),
    nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
  };
}

export async function getBankStatement(deps: BillingDeps, id: string): Promise<BankStatementWithEntries> {
  const row = await findStatementRow(deps.db, id);
  if (!row) throw notFound('bank_statement', id);
  const counts = (await countEntriesByStatus(deps.db, [id])).get(id);
  return {
    ...toBankStatement(row, counts),
    entries: await entriesWithAllocations(deps.db, await entriesOfStatement(deps.db, id)),
  };
}

export async function listBankEntries(deps: BillingDeps, raw: unknown): Promise<BankEntryList> {
  const q = BankEntryListQuery.parse(raw);
  const rows = await listEntryRows(deps.db, q);
  const page = rows.slice(0, q.limit);
  return {
    items: await entriesWithAllocations(deps.db, page),
    nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
  };
}

async function entryById(db: BillingDeps['db'] | Tx, id: string): Promise<BankEntry> {
  const row = await findEntryRow(db, id);
  if (!row) throw notFound('bank_entry', id);
  return (await entriesWithAllocations(db, [row]))[0]!;
}

/**
 * A person matches an entry from the review queue: the allocations may not add up to more than
 * the entry nor exceed an invoice's open amount. Matching a matched entry again changes nothing.
 */
export async function matchBankEntry(
  deps: BillingDeps,
  actor: Actor,
  entryId: string,
  raw: MatchBankEntry,
): Promise<BankEntry> {
  const input = MatchBankEntry.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    const entry = await lockEntry(trx, entryId, deps.dialect);
    if (!entry) throw notFound('bank_entry', entryId);
    if (entry.status === 'matched') return entryById(trx, entryId);
    if (entry.status === 'debit') {
      throw unprocessable(
        'bank_statements.debit_entry',
        'Outgoing payments (debits) are not matched to invoices',
      );
    }
    const amount = Number(entry.amount_cents);
    const ids = input.allocations.map((a) => a.invoiceId);
    if (new Set(ids).size !== ids.length) {
      throw unprocessable('bank_statements.duplicate_invoice', 'Each invoice may appear once', 'allocations');
    }
    const total = input.allocations.reduce((s, a) => s + a.amountCents, 0);
    if (total > amount) {
      throw unprocessable(
        'bank_statements.allocations_exceed_entry',
        `The allocations add up to ${formatCents(total)}, more than the ${formatCents(amount)} received`,
        'allocations',
      );
    }
    const invoices = new Map((await invoicesByIds(trx, ids)).map((i) => [i.id, i]));
    for (const [i, a] of input.allocations.entries()) {
      const inv = invoices.get(a.invoiceId);
      if (!inv) throw notFound('invoice', a.invoiceId);
      if (inv.status !== 'issued' || inv.openCents <= 0) {
        throw unprocessable(
          'bank_statements.invoice_not_open',
          `Invoice ${inv.number ?? inv.id} has nothing open (${inv.status})`,
          `allocations.${i}.invoiceId`,
        );
      }
      if (a.amountCents > inv.openCents) {
        throw unprocessable(
          'bank_statements.allocation_exceeds_open',
          `${formatCents(a.amountCents)} for invoice ${inv.number} is more than its open amount of ${formatCents(inv.openCents)}`,
          `allocations.${i}.amountCents`,
        );
      }
    }
    await recordBankPayment(trx, deps, actor, paymentOf(entry), input.allocations);
    const now = deps.clock.now().toISOString();
    await updateEntry(trx, entryId, {
      status: 'matched',
      matched_at: now,
      matched_by: actor.userId,
      confidence: 100,
      note: total < amount ? `${formatCents(amount - total)} not allocated` : null,
      version: Number(entry.version) + 1,
    });
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'bank_entry',
      entityId: entryId,
      before: { status: entry.status },
      after: { status: 'matched', allocations: input.allocations },
      label: `Bank entry matched by hand (${formatCents(amount)})`,
    });
    return entryById(trx, entryId);
  });
}

/** Takes an entry out of the review queue without a payment (e.g. not a customer payment). */
export async function ignoreBankEntry(deps: BillingDeps, actor: Actor, entryId: string): Promise<BankEntry> {
  return deps.db.transaction().execute(async (trx) => {
    const entry = await lockEntry(trx, entryId, deps.dialect);
    if (!entry) throw notFound('bank_entry', entryId);
    if (entry.status === 'ignored') return entryById(trx, entryId);
    if (entry.status !== 'review') {
      throw unprocessable(
        'bank_statements.not_in_review',
        `Only entries in review can be ignored; this one is ${entry.status}`,
      );
    }
    await updateEntry(trx, entryId, {
      status: 'ignored',
      matched_at: deps.clock.now().toISOString(),
      matched_by: actor.userId,
      version: Number(entry.version) + 1,
    });
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'bank_entry',
      entityId: entryId,
      before: { status: entry.status },
      after: { status: 'ignored' },
      label: 'Bank entry ignored',
    });
    return entryById(trx, entryId);
  });
}
