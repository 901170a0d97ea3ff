import { type Invoice, type Payment, RecordPayment } from '../../../../contracts/billing';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { invoiceAuditSnapshot } from './invoices.mappers';
import { type InvoiceRow, lockInvoice, updateInvoiceRow } from './invoices.repository';
import { invoiceOf, loadInvoiceRow, today, unprocessable } from './invoices.service';
import { findPaymentsOfInvoice, insertPayment } from './payments.repository';
import type { BillingDeps } from './settings.service';

/** 1234567 → "12.345,67 €" (for messages). */
function formatCents(cents: number): string {
  return `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

export async function listPaymentsOfInvoice(
  deps: BillingDeps,
  actor: Actor,
  invoiceId: string,
): Promise<{ items: Payment[] }> {
  await loadInvoiceRow(deps.db, invoiceId, actor);
  return { items: await findPaymentsOfInvoice(deps.db, invoiceId) };
}

/**
 * Applies `amountCents` of a payment to an invoice in the caller's transaction: paid and open
 * amounts; when open reaches 0 the invoice is paid (`paid_at`, `invoice.paid`). The invoice must be
 * issued and the amount at most its open amount (overpayments are for the bank import to handle).
 */
export async function allocateToInvoice(
  trx: Tx,
  deps: BillingDeps,
  actor: Actor,
  invoiceId: string,
  amountCents: number,
): Promise<InvoiceRow> {
  const before = await lockInvoice(trx, invoiceId, deps.dialect);
  if (!before) throw new Error(`invoice ${invoiceId} vanished`);
  if (before.kind === 'credit_note') {
    throw unprocessable(
      'billing.payment_on_credit_note',
      'Payments are recorded on invoices, not on credit notes',
    );
  }
  if (before.status === 'draft') {
    throw unprocessable('billing.payment_on_draft', 'Issue the invoice before recording a payment for it');
  }
  if (before.status === 'cancelled') {
    throw unprocessable(
      'billing.payment_on_cancelled',
      `Invoice ${before.number} is cancelled; it takes no payments`,
    );
  }
  if (before.status === 'paid') {
    throw unprocessable(
      'billing.already_paid',
      `Invoice ${before.number} is paid in full already`,
      'amountCents',
    );
  }
  const open = Number(before.open_cents);
  if (amountCents > open) {
    throw unprocessable(
      'billing.overpayment',
      `The payment of ${formatCents(amountCents)} is more than the open amount of ${formatCents(open)}`,
      'amountCents',
      `At most ${formatCents(open)}`,
    );
  }
  const now = deps.clock.now().toISOString();
  const after: InvoiceRow = {
    ...before,
    paid_cents: Number(before.paid_cents) + amountCents,
    open_cents: open - amountCents,
    updated_at: now,
  };
  if (after.open_cents === 0) {
    after.status = 'paid';
    after.paid_at = now;
  }
  const { id: _id, version: _v, ...patch } = after;
  if (!(await updateInvoiceRow(trx, invoiceId, before.version, patch))) {
    throw new AppError('conflict', 'invoice.stale_version', 'The invoice changed meanwhile; try again');
  }
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'invoice',
    entityId: invoiceId,
    before: invoiceAuditSnapshot(before),
    after: invoiceAuditSnapshot(after),
  });
  if (after.status === 'paid') {
    await publish(trx, deps.clock, actor, 'invoice.paid', {
      invoiceId,
      number: after.number!,
      companyId: after.company_id,
      paidAt: now,
    });
  }
  return { ...after, version: before.version + 1 };
}

/** A payment recorded by hand for one invoice. */
export async function recordPayment(
  deps: BillingDeps,
  actor: Actor,
  invoiceId: string,
  raw: RecordPayment,
): Promise<{ payment: Payment; invoice: Invoice }> {
  const input = RecordPayment.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    await loadInvoiceRow(trx, invoiceId, actor);
    const now = deps.clock.now().toISOString();
    const paymentId = uuidv7();
    const invoice = await allocateToInvoice(trx, deps, actor, invoiceId, input.amountCents);
    await insertPayment(
      trx,
      {
        id: paymentId,
        amount_cents: input.amountCents,
        date: input.date,
        method: input.method,
        source: 'manual',
        reference: input.reference?.trim() || null,
        payer_name: invoice.buyer_name,
        payer_iban: null,
        bank_entry_id: null,
        created_by: actor.userId,
        created_at: now,
      },
      [{ payment_id: paymentId, invoice_id: invoiceId, amount_cents: input.amountCents, created_at: now }],
    );
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'payment',
      entityId: paymentId,
      before: null,
      after: { amountCents: input.amountCents, date: input.date, method: input.method, invoiceId },
      label: `Payment for ${invoice.number}`,
    });
    const payment = (await findPaymentsOfInvoice(trx, invoiceId)).find((p) => p.id === paymentId)!;
    return { payment, invoice: await invoiceOf(trx, invoice, today(deps)) };
  });
}

/**
 * A payment that came from a bank statement entry, allocated to one or more invoices in the
 * caller's transaction (each allocation through allocateToInvoice: `invoice.paid` when open
 * reaches 0). `payments.bank_entry_id` is unique: an entry never becomes two payments. The payment
 * amount is the entry's; what is not allocated (an overpayment) stays unallocated on the payment.
 */
export async function recordBankPayment(
  trx: Tx,
  deps: BillingDeps,
  actor: Actor,
  entry: {
    id: string;
    amountCents: number;
    date: string;
    payerName: string | null;
    payerIban: string | null;
    reference: string | null;
  },
  allocations: ReadonlyArray<{ invoiceId: string; amountCents: number }>,
): Promise<string> {
  const now = deps.clock.now().toISOString();
  const paymentId = uuidv7();
  const numbers: string[] = [];
  for (const a of allocations) {
    const invoice = await allocateToInvoice(trx, deps, actor, a.invoiceId, a.amountCents);
    numbers.push(invoice.number ?? a.invoiceId);
  }
  await insertPayment(
    trx,
    {
      id: paymentId,
      amount_cents: entry.amountCents,
      date: entry.date,
      method: 'bank_transfer',
      source: 'bank_statement',
      reference: entry.reference?.slice(0, 500) ?? null,
      payer_name: entry.payerName,
      payer_iban: entry.payerIban,
      bank_entry_id: entry.id,
      created_by: actor.userId,
      created_at: now,
    },
    allocations.map((a) => ({
      payment_id: paymentId,
      invoice_id: a.invoiceId,
      amount_cents: a.amountCents,
      created_at: now,
    })),
  );
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'payment',
    entityId: paymentId,
    before: null,
    after: {
      amountCents: entry.amountCents,
      date: entry.date,
      method: 'bank_transfer',
      source: 'bank_statement',
      bankEntryId: entry.id,
      allocations,
    },
    label: `Bank payment for ${numbers.join(', ')}`,
  });
  return paymentId;
}
