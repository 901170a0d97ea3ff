import type { Invoice } from '../../../../contracts/billing';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { addDays } from './business-dates';
import { invoiceAuditSnapshot } from './invoices.mappers';
import {
  findLinesOfInvoice,
  type InvoiceRow,
  insertInvoice,
  insertInvoiceLines,
  lockInvoice,
  updateInvoiceRow,
} from './invoices.repository';
import { invoiceOf, loadInvoiceRow, today, unprocessable } from './invoices.service';
import { formatInvoiceNumber, nextInvoiceNumber } from './numbering';
import { getBillingSettings } from './settings.repository';
import { type BillingDeps, missingSellerData } from './settings.service';

/** The row again under a lock, checked against the version the caller saw. */
async function lockedAt(trx: Tx, deps: BillingDeps, row: InvoiceRow, version: number): Promise<InvoiceRow> {
  const locked = await lockInvoice(trx, row.id, deps.dialect);
  if (!locked || locked.version !== version) throw staleVersion('invoice', row.id);
  return locked;
}

/** VAT categories where the buyer owes the tax: reverse charge (§13b UStG) and intra-community supply. */
const TAX_SHIFT_CATEGORIES: Record<string, string> = {
  AE: 'reverse charge',
  K: 'intra-community supply',
};

/**
 * Reverse charge and intra-community supplies are only lawful with the buyer's VAT ID on the invoice
 * (§14a UStG; EN 16931 BR-AE-02 and BR-IC-02). The seller is identified by its VAT ID for an
 * intra-community supply (BR-IC-03); for reverse charge (§13b) its VAT ID or its tax number will do
 * (BR-AE-02: BT-31 or BT-32). Checked at issue (a draft may be incomplete), naming the line and the
 * missing field.
 */
function assertVatIdsForTaxShift(
  invoice: InvoiceRow,
  lines: Array<{ position: number; vat_category: string }>,
  seller: { vatId: string | null; taxNumber: string | null },
): void {
  const line = lines.find((l) => TAX_SHIFT_CATEGORIES[l.vat_category]);
  if (!line) return;
  const what = TAX_SHIFT_CATEGORIES[line.vat_category];
  if (!invoice.buyer_vat_id) {
    throw unprocessable(
      'billing.reverse_charge_needs_vat_id',
      `Line ${line.position} is a ${what}: enter the buyer's VAT ID before issuing`,
      'buyerVatId',
    );
  }
  if (seller.vatId?.trim()) return;
  const intraCommunity = lines.find((l) => l.vat_category === 'K');
  if (intraCommunity) {
    throw unprocessable(
      'billing.reverse_charge_needs_vat_id',
      `Line ${intraCommunity.position} is an ${TAX_SHIFT_CATEGORIES.K}: enter your own VAT ID in the billing settings before issuing`,
      'settings.vatId',
    );
  }
  if (!seller.taxNumber?.trim()) {
    throw unprocessable(
      'billing.reverse_charge_needs_vat_id',
      `Line ${line.position} is a ${what}: enter your own VAT ID or tax number in the billing settings before issuing`,
      'settings.vatId',
    );
  }
}

/**
 * Issues a draft: the next gapless number of its kind's yearly series (in this transaction), issue
 * date (default today), due date = issue date + payment days, open = gross; raises `invoice.issued`.
 * From here on the invoice is immutable.
 */
export async function issueInvoice(
  deps: BillingDeps,
  actor: Actor,
  id: string,
  input: { version: number; issueDate?: string | undefined },
): Promise<Invoice> {
  return deps.db.transaction().execute(async (trx) => {
    const visible = await loadInvoiceRow(trx, id, actor);
    const before = await lockedAt(trx, deps, visible, input.version);
    if (before.status !== 'draft') {
      throw new AppError('conflict', 'billing.already_issued', `Invoice ${before.number} is already issued`);
    }
    const settings = await getBillingSettings(trx);
    const missing = missingSellerData(settings);
    if (missing.length) {
      throw new AppError(
        'unprocessable',
        'billing.seller_incomplete',
        `Complete the billing settings before issuing: ${missing.map((m) => m.message).join('; ')}`,
        missing.map((m) => ({ path: `settings.${m.path}`, message: m.message })),
      );
    }
    const lines = await findLinesOfInvoice(trx, id);
    if (lines.length === 0) {
      throw unprocessable('billing.no_lines', 'An invoice needs at least one line', 'lines');
    }
    assertVatIdsForTaxShift(before, lines, settings);
    const issueDate = input.issueDate ?? today(deps);
    const year = Number(issueDate.slice(0, 4));
    const n = await nextInvoiceNumber(trx, 'invoice', year);
    const number = formatInvoiceNumber(settings.invoiceNumberFormat, year, n);
    const now = deps.clock.now().toISOString();
    const after: InvoiceRow = {
      ...before,
      status: 'issued',
      number,
      issue_date: issueDate,
      due_date: addDays(issueDate, before.payment_days),
      open_cents: Number(before.gross_cents),
      paid_cents: 0,
      issued_at: now,
      issued_by: actor.userId,
      updated_at: now,
    };
    const { id: _id, version: _v, ...patch } = after;
    if (!(await updateInvoiceRow(trx, id, before.version, patch))) throw staleVersion('invoice', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'invoice',
      entityId: id,
      before: invoiceAuditSnapshot(before),
      after: invoiceAuditSnapshot(after),
    });
    await publish(trx, deps.clock, actor, 'invoice.issued', {
      invoiceId: id,
      number,
      kind: 'invoice',
      companyId: after.company_id,
      dealId: after.deal_id,
      grossCents: Number(after.gross_cents),
      dueDate: after.due_date!,
    });
    return invoiceOf(trx, { ...after, version: before.version + 1 }, today(deps));
  });
}

/**
 * Cancels an issued (or paid) invoice by a credit note over its full amount, issued at once with
 * the next number of the credit note series: same lines, positive amounts (the kind makes them a
 * credit), `corrects_invoice_id` → the invoice. The invoice becomes `cancelled` with open 0 and
 * `corrected_by_invoice_id` → the credit note. Refunding money already received is a payment
 * matter (not part of this step): the credit note's open amount is 0.
 */
export async function cancelInvoice(
  deps: BillingDeps,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
): Promise<{ invoice: Invoice; creditNote: Invoice }> {
  return deps.db.transaction().execute(async (trx) => {
    const visible = await loadInvoiceRow(trx, id, actor);
    const before = await lockedAt(trx, deps, visible, input.version);
    if (before.kind === 'credit_note') {
      throw unprocessable('billing.cancel_credit_note', 'A credit note cannot be cancelled');
    }
    if (before.status === 'draft') {
      throw unprocessable('billing.cancel_draft', 'A draft is not cancelled but deleted');
    }
    if (before.status === 'cancelled') {
      throw new AppError(
        'conflict',
        'billing.already_cancelled',
        `Invoice ${before.number} is already cancelled`,
      );
    }
    const settings = await getBillingSettings(trx);
    const issueDate = today(deps);
    const year = Number(issueDate.slice(0, 4));
    const n = await nextInvoiceNumber(trx, 'credit_note', year);
    const number = formatInvoiceNumber(settings.creditNoteNumberFormat, year, n);
    const now = deps.clock.now().toISOString();
    const creditId = uuidv7();
    const credit: InvoiceRow = {
      ...before,
      id: creditId,
      kind: 'credit_note',
      status: 'issued',
      number,
      source_key: null,
      issue_date: issueDate,
      due_date: issueDate,
      paid_cents: 0,
      open_cents: 0,
      notes: `Storno zu Rechnung ${before.number}: ${input.reason}`,
      corrects_invoice_id: before.id,
      corrected_by_invoice_id: null,
      cancel_reason: input.reason,
      issued_at: now,
      issued_by: actor.userId,
      paid_at: null,
      overdue_at: null,
      overdue_since: null,
      dunning_level: 0,
      last_dunned_on: null,
      dunning_blocked: 0,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    const lines = (await findLinesOfInvoice(trx, id)).map((l) => ({
      ...l,
      id: uuidv7(),
      invoice_id: creditId,
    }));
    await insertInvoice(trx, credit);
    await insertInvoiceLines(trx, lines);
    const after: InvoiceRow = {
      ...before,
      status: 'cancelled',
      open_cents: 0,
      corrected_by_invoice_id: creditId,
      cancel_reason: input.reason,
      updated_at: now,
    };
    const { id: _id, version: _v, ...patch } = after;
    if (!(await updateInvoiceRow(trx, id, before.version, patch))) throw staleVersion('invoice', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'invoice',
      entityId: creditId,
      before: null,
      after: invoiceAuditSnapshot(credit, lines),
    });
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'invoice',
      entityId: id,
      before: invoiceAuditSnapshot(before),
      after: invoiceAuditSnapshot(after),
    });
    await publish(trx, deps.clock, actor, 'invoice.issued', {
      invoiceId: creditId,
      number,
      kind: 'credit_note',
      companyId: credit.company_id,
      dealId: credit.deal_id,
      grossCents: Number(credit.gross_cents),
      dueDate: issueDate,
    });
    await publish(trx, deps.clock, actor, 'invoice.cancelled', { invoiceId: id, creditNoteId: creditId });
    const todayDate = today(deps);
    return {
      invoice: await invoiceOf(trx, { ...after, version: before.version + 1 }, todayDate),
      creditNote: await invoiceOf(trx, credit, todayDate),
    };
  });
}
