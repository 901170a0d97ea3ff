import type { Selectable } from 'kysely';
import type {
  BillingSettings,
  Invoice,
  InvoiceLine,
  InvoiceSummary,
  Payment,
  VatCategory,
} from '../../../../contracts/billing';
import { totalsOfLines } from '../../../../contracts/invoice-amounts';
import type { BillingSettingsTable, PaymentsTable } from './billing.tables';
import type { InvoiceLineRow, InvoiceRow } from './invoices.repository';

export function toInvoiceLine(row: InvoiceLineRow): InvoiceLine {
  return {
    id: row.id,
    position: row.position,
    productId: row.product_id,
    description: row.description,
    quantity: Number(row.quantity_milli) / 1000,
    unit: row.unit,
    unitPriceCents: Number(row.unit_price_cents),
    discountPercent: row.discount_bp / 100,
    vatRate: row.vat_rate,
    vatCategory: row.vat_category as VatCategory,
    exemptionReason: row.exemption_reason,
    netCents: Number(row.net_cents),
  };
}

/**
 * Issued (not fully paid) and its due date is before `today` (company time zone) — or the due sweep
 * marked it overdue: a sweep run as of another day (`run-job --as-of`) and the lists then agree.
 */
export function isOverdue(
  row: Pick<InvoiceRow, 'status' | 'due_date' | 'overdue_at'>,
  today: string,
): boolean {
  return (
    row.status === 'issued' && ((row.due_date !== null && row.due_date < today) || row.overdue_at !== null)
  );
}

export interface InvoiceNames {
  companyName: string | null;
  /** Today in the company time zone (for `overdue`). */
  today: string;
}

export function toInvoiceSummary(row: InvoiceRow, names: InvoiceNames): InvoiceSummary {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    number: row.number,
    companyId: row.company_id,
    companyName: names.companyName,
    contactId: row.contact_id,
    dealId: row.deal_id,
    buyer: {
      name: row.buyer_name,
      street: row.buyer_street,
      postalCode: row.buyer_postal_code,
      city: row.buyer_city,
      country: row.buyer_country,
    },
    buyerVatId: row.buyer_vat_id,
    buyerReference: row.buyer_reference,
    buyerEmail: row.buyer_email,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    serviceDate: row.service_date,
    servicePeriodStart: row.service_period_start,
    servicePeriodEnd: row.service_period_end,
    paymentDays: row.payment_days,
    cashDiscountPercent: row.cash_discount_bp === null ? null : row.cash_discount_bp / 100,
    cashDiscountDays: row.cash_discount_days,
    currency: 'EUR',
    netCents: Number(row.net_cents),
    vatCents: Number(row.vat_cents),
    grossCents: Number(row.gross_cents),
    paidCents: Number(row.paid_cents),
    openCents: Number(row.open_cents),
    overdue: isOverdue(row, names.today),
    overdueSince: row.overdue_since,
    dunningLevel: row.dunning_level,
    lastDunnedOn: row.last_dunned_on,
    dunningBlocked: row.dunning_blocked === 1,
    buyerIsConsumer: row.buyer_is_consumer === 1,
    introText: row.intro_text,
    notes: row.notes,
    correctsInvoiceId: row.corrects_invoice_id,
    correctedByInvoiceId: row.corrected_by_invoice_id,
    ownerId: row.owner_id,
    teamId: row.team_id,
    issuedAt: row.issued_at,
    paidAt: row.paid_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * The Invoice contract from its row and lines; the VAT breakdown is computed from the stored line
 * nets (EN 16931: VAT per category and rate on the sum of the group's line nets). A credit note
 * carries positive amounts: its kind makes them negative (documents, reports).
 */
export function toInvoice(row: InvoiceRow, lines: InvoiceLineRow[], names: InvoiceNames): Invoice {
  const mapped = lines.map(toInvoiceLine);
  return {
    ...toInvoiceSummary(row, names),
    lines: mapped,
    vatBreakdown: totalsOfLines(mapped).vatBreakdown,
  };
}

/** What the audit trail records of an invoice. */
export function invoiceAuditSnapshot(row: InvoiceRow, lines?: InvoiceLineRow[]): Record<string, unknown> {
  return {
    number: row.number,
    kind: row.kind,
    status: row.status,
    companyId: row.company_id,
    contactId: row.contact_id,
    dealId: row.deal_id,
    buyerName: row.buyer_name,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    paymentDays: row.payment_days,
    netCents: Number(row.net_cents),
    vatCents: Number(row.vat_cents),
    grossCents: Number(row.gross_cents),
    paidCents: Number(row.paid_cents),
    openCents: Number(row.open_cents),
    correctsInvoiceId: row.corrects_invoice_id,
    correctedByInvoiceId: row.corrected_by_invoice_id,
    cancelReason: row.cancel_reason,
    ...(lines
      ? {
          lines: lines.map((l) => ({
            description: l.description,
            quantity: Number(l.quantity_milli) / 1000,
            unitPriceCents: Number(l.unit_price_cents),
            discountPercent: l.discount_bp / 100,
            vatRate: l.vat_rate,
            vatCategory: l.vat_category,
            netCents: Number(l.net_cents),
          })),
        }
      : {}),
  };
}

export function toBillingSettings(row: BillingSettingsTable): BillingSettings {
  return {
    sellerName: row.seller_name,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    vatId: row.vat_id,
    taxNumber: row.tax_number,
    iban: row.iban,
    bic: row.bic,
    bankName: row.bank_name,
    email: row.email,
    phone: row.phone,
    invoiceNumberFormat: row.invoice_number_format,
    creditNoteNumberFormat: row.credit_note_number_format,
    defaultPaymentDays: row.default_payment_days,
    graceDays: row.grace_days,
    autoInvoiceOnWon: row.auto_invoice_on_won === 1 || (row.auto_invoice_on_won as unknown) === true,
    collectionsTeamId: row.collections_team_id,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toPayment(
  row: Selectable<PaymentsTable>,
  allocations: Array<{ invoiceId: string; invoiceNumber: string | null; amountCents: number }>,
): Payment {
  return {
    id: row.id,
    amountCents: Number(row.amount_cents),
    date: row.date,
    method: row.method as Payment['method'],
    source: row.source as Payment['source'],
    reference: row.reference,
    payerName: row.payer_name,
    payerIban: row.payer_iban,
    allocations,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
