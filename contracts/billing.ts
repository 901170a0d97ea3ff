import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse, Version } from './common';

// ─── seller settings ─────────────────────────────────────────────────────────────────────────────

/**
 * The company's own data as it appears on invoices (§14 UStG: name, address, tax number or VAT ID,
 * bank details) and the billing rules. One record per installation.
 */
export const BillingSettings = z.object({
  sellerName: z.string(),
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  /** ISO 3166-1 alpha-2. */
  country: z.string(),
  vatId: z.string().nullable(),
  taxNumber: z.string().nullable(),
  iban: z.string(),
  bic: z.string().nullable(),
  bankName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Placeholders {YYYY} (issue year) and {N…} (the running number, zero-padded to as many digits). */
  invoiceNumberFormat: z.string(),
  creditNoteNumberFormat: z.string(),
  defaultPaymentDays: z.number().int(),
  /** Days after the due date before an unpaid invoice counts as overdue (dunning). */
  graceDays: z.number().int(),
  /** Create the invoice of a deal automatically when it is won. */
  autoInvoiceOnWon: z.boolean(),
  /** The team collection tasks go to ("Vertrieb & Inkasso"). */
  collectionsTeamId: Id.nullable(),
  updatedAt: Instant,
  version: Version,
});
export type BillingSettings = z.infer<typeof BillingSettings>;

const NumberFormat = z
  .string()
  .trim()
  .max(40)
  .regex(/\{N+\}/, { message: 'The format needs the running number, e.g. RE-{YYYY}-{NNNNN}' });
export const UpdateBillingSettings = z.strictObject({
  version: Version,
  sellerName: z.string().trim().min(1).max(200).optional(),
  street: z.string().trim().max(200).optional(),
  postalCode: z.string().trim().max(20).optional(),
  city: z.string().trim().max(100).optional(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, { message: 'Use a two-letter country code, e.g. DE' })
    .optional(),
  vatId: z.string().trim().max(20).nullish(),
  taxNumber: z.string().trim().max(30).nullish(),
  iban: z.string().trim().max(42).optional(),
  bic: z.string().trim().max(11).nullish(),
  bankName: z.string().trim().max(100).nullish(),
  email: z.email().nullish(),
  phone: z.string().trim().max(50).nullish(),
  invoiceNumberFormat: NumberFormat.optional(),
  creditNoteNumberFormat: NumberFormat.optional(),
  defaultPaymentDays: z.number().int().min(0).max(365).optional(),
  graceDays: z.number().int().min(0).max(90).optional(),
  autoInvoiceOnWon: z.boolean().optional(),
  collectionsTeamId: Id.nullish(),
});
export type UpdateBillingSettings = z.input<typeof UpdateBillingSettings>;

// ─── invoices ────────────────────────────────────────────────────────────────────────────────────

export const InvoiceKind = z.enum(['invoice', 'credit_note']);
export type InvoiceKind = z.infer<typeof InvoiceKind>;
/** draft → issued (immutable) → paid; an issued invoice is cancelled only by a credit note. */
export const InvoiceStatus = z.enum(['draft', 'issued', 'paid', 'cancelled']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;
export const InvoiceVatRate = z.union([z.literal(19), z.literal(7), z.literal(0)]);
/**
 * EN 16931 VAT category (UNCL 5305): S standard, Z zero rated, E exempt, AE reverse charge,
 * K intra-community supply, G export outside the EU, O not subject to VAT.
 */
export const VatCategory = z.enum(['S', 'Z', 'E', 'AE', 'K', 'G', 'O']);
export type VatCategory = z.infer<typeof VatCategory>;

const Cents = z.number().int({ message: 'Amounts are whole cents' }).min(0).max(10_000_000_000_000);

export const InvoiceLineInput = z
  .strictObject({
    productId: Id.nullish(),
    description: z.string().trim().min(1, { message: 'Describe the line' }).max(1000),
    /** Up to 3 decimals. */
    quantity: z.number().positive({ message: 'The quantity must be more than 0' }).max(1e9),
    /** UN/ECE Recommendation 20 unit code: C62 piece (default), HUR hour, DAY day, KGM kg, MTR metre, LS lump sum. */
    unit: z.string().trim().min(1).max(3).default('C62'),
    unitPriceCents: Cents,
    discountPercent: z.number().min(0).max(100).default(0),
    vatRate: InvoiceVatRate.default(19),
    /** Defaults to S (standard) for 19/7 % and must be given for 0 %. */
    vatCategory: VatCategory.optional(),
    /** Required for E, AE, K, G, O (e.g. "Steuerschuldnerschaft des Leistungsempfängers"). */
    exemptionReason: z.string().trim().max(500).nullish(),
  })
  .refine((l) => l.vatRate !== 0 || l.vatCategory, {
    message: 'A 0 % line needs a VAT category (e.g. AE for reverse charge)',
    path: ['vatCategory'],
  });
export type InvoiceLineInput = z.input<typeof InvoiceLineInput>;

export const InvoiceLine = z.object({
  id: Id,
  position: z.number().int(),
  productId: Id.nullable(),
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  unitPriceCents: z.number().int(),
  discountPercent: z.number(),
  vatRate: z.number().int(),
  vatCategory: VatCategory,
  exemptionReason: z.string().nullable(),
  /** Rounded to the cent per line (EN 16931 BT-131). */
  netCents: z.number().int(),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

/** VAT per category and rate, computed on the sum of that group's line nets (EN 16931 BG-23). */
export const VatBreakdown = z.object({
  vatCategory: VatCategory,
  vatRate: z.number().int(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  exemptionReason: z.string().nullable(),
});
export type VatBreakdown = z.infer<typeof VatBreakdown>;

export const Address = z.object({
  name: z.string(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
});

export const Invoice = z.object({
  id: Id,
  kind: InvoiceKind,
  status: InvoiceStatus,
  /** Assigned on issue, gapless per series and year; null for drafts. */
  number: z.string().nullable(),
  companyId: Id,
  companyName: z.string().nullable(),
  contactId: Id.nullable(),
  dealId: Id.nullable(),
  /** The buyer as invoiced (a copy: later edits of the company do not change an issued invoice). */
  buyer: Address,
  buyerVatId: z.string().nullable(),
  /** BT-10 buyer reference; the Leitweg-ID for German public buyers. */
  buyerReference: z.string().nullable(),
  buyerEmail: z.string().nullable(),
  issueDate: BusinessDate.nullable(),
  dueDate: BusinessDate.nullable(),
  serviceDate: BusinessDate.nullable(),
  servicePeriodStart: BusinessDate.nullable(),
  servicePeriodEnd: BusinessDate.nullable(),
  paymentDays: z.number().int(),
  /** Optional cash discount ("2 % within 10 days"). */
  cashDiscountPercent: z.number().nullable(),
  cashDiscountDays: z.number().int().nullable(),
  currency: z.literal('EUR'),
  lines: z.array(InvoiceLine),
  vatBreakdown: z.array(VatBreakdown),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
  paidCents: z.number().int(),
  /** gross − paid (0 for drafts and cancelled invoices). */
  openCents: z.number().int(),
  /**
   * Issued, not fully paid, and past its due date (company time zone) — or marked overdue by the due
   * sweep (which waits the grace days after the due date; see overdueSince).
   */
  overdue: z.boolean(),
  /**
   * The business date the daily due sweep marked it overdue (due date + grace days passed, not fully
   * paid; it raised `invoice.overdue` then); null until then. Stays set when it is paid later.
   */
  overdueSince: BusinessDate.nullable(),
  /** 0 = not dunned; else the level of the last dunning notice (see contracts/dunning.ts). */
  dunningLevel: z.number().int(),
  /** The date of the last dunning notice. */
  lastDunnedOn: BusinessDate.nullable(),
  /** A person stopped dunning for this invoice (the due sweep skips it). */
  dunningBlocked: z.boolean(),
  /** The buyer is a consumer (B2C): default interest base rate + 5 points, no €40 lump sum. */
  buyerIsConsumer: z.boolean(),
  introText: z.string().nullable(),
  notes: z.string().nullable(),
  /** For a credit note: the invoice it corrects. For a cancelled invoice: its credit note. */
  correctsInvoiceId: Id.nullable(),
  correctedByInvoiceId: Id.nullable(),
  ownerId: Id.nullable(),
  teamId: Id.nullable(),
  issuedAt: Instant.nullable(),
  paidAt: Instant.nullable(),
  createdBy: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Invoice = z.infer<typeof Invoice>;

/** A list row: the invoice without its lines. */
export const InvoiceSummary = Invoice.omit({ lines: true, vatBreakdown: true });
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

const InvoiceFields = {
  contactId: Id.nullish(),
  /** Defaults to the company's address. */
  buyer: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      street: z.string().trim().max(200).nullish(),
      postalCode: z.string().trim().max(20).nullish(),
      city: z.string().trim().max(100).nullish(),
      country: z
        .string()
        .trim()
        .regex(/^[A-Z]{2}$/, { message: 'Use a two-letter country code, e.g. DE' }),
    })
    .optional(),
  buyerVatId: z.string().trim().max(20).nullish(),
  buyerReference: z.string().trim().max(100).nullish(),
  buyerEmail: z.email().nullish(),
  /** B2C (see Invoice.buyerIsConsumer); default false. */
  buyerIsConsumer: z.boolean().optional(),
  serviceDate: BusinessDate.nullish(),
  servicePeriodStart: BusinessDate.nullish(),
  servicePeriodEnd: BusinessDate.nullish(),
  /** Defaults to the company's payment terms, else the settings' default. */
  paymentDays: z.number().int().min(0).max(365).optional(),
  cashDiscountPercent: z.number().min(0).max(100).nullish(),
  cashDiscountDays: z.number().int().min(0).max(365).nullish(),
  introText: z.string().max(5000).nullish(),
  notes: z.string().max(5000).nullish(),
};

export const CreateInvoice = z.strictObject({
  companyId: Id,
  dealId: Id.nullish(),
  lines: z.array(InvoiceLineInput).min(1, { message: 'An invoice needs at least one line' }).max(500),
  ...InvoiceFields,
});
export type CreateInvoice = z.input<typeof CreateInvoice>;

/** Only drafts can be edited; `lines` replaces all lines. */
export const UpdateInvoice = z.strictObject({
  version: Version,
  lines: z.array(InvoiceLineInput).min(1).max(500).optional(),
  ...InvoiceFields,
});
export type UpdateInvoice = z.input<typeof UpdateInvoice>;

export const IssueInvoice = z.strictObject({
  version: Version,
  /** Defaults to today (company time zone); the due date is issue date + payment days. */
  issueDate: BusinessDate.optional(),
});
/** Cancels an issued invoice by issuing a credit note over its full amount that references it. */
export const CancelInvoice = z.strictObject({
  version: Version,
  reason: z.string().trim().min(1, { message: 'Give a reason for the cancellation' }).max(500),
});
/** The cancelled invoice and the credit note that cancels it. */
export const CancelInvoiceResult = z.object({ invoice: Invoice, creditNote: Invoice });

export const INVOICE_SORT_FIELDS = [
  'number',
  'issueDate',
  'dueDate',
  'grossCents',
  'openCents',
  'createdAt',
] as const;
const InvoiceSort = z.enum(INVOICE_SORT_FIELDS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]]);

export const InvoiceListQuery = ListQuery.extend({
  status: InvoiceStatus.optional(),
  kind: InvoiceKind.optional(),
  overdue: z.stringbool().optional(),
  /** Invoices at this dunning level (0 = not dunned yet). */
  dunningLevel: z.coerce.number().int().min(0).max(4).optional(),
  /** Only invoices with an open amount (issued, not fully paid). */
  open: z.stringbool().optional(),
  companyId: Id.optional(),
  dealId: Id.optional(),
  dueFrom: BusinessDate.optional(),
  dueTo: BusinessDate.optional(),
  /** Number or buyer name. */
  q: z.string().trim().max(200).optional(),
  sort: InvoiceSort.default('-createdAt'),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;
export const InvoiceList = listResponse(InvoiceSummary);

export const SendInvoice = z.strictObject({
  /** Defaults to the invoice's buyer e-mail. */
  to: z.email().optional(),
  message: z.string().max(5000).optional(),
});
/** The queued e-mail: sent by the mail job (or kept in the outbox without SMTP). */
export const SendInvoiceResult = z.object({
  mailId: Id,
  to: z.string(),
  subject: z.string(),
  attachments: z.array(z.string()),
});
export type SendInvoiceResult = z.infer<typeof SendInvoiceResult>;
export const InvoiceDocumentQuery = z.object({
  /** XRechnung syntax: UBL 2.1 (default) or UN/CEFACT CII. */
  syntax: z.enum(['ubl', 'cii']).default('ubl'),
});

// ─── payments ────────────────────────────────────────────────────────────────────────────────────

export const PaymentMethod = z.enum(['bank_transfer', 'cash', 'card', 'direct_debit', 'other']);
export const PaymentSource = z.enum(['manual', 'bank_statement']);

export const Payment = z.object({
  id: Id,
  amountCents: z.number().int(),
  date: BusinessDate,
  method: PaymentMethod,
  source: PaymentSource,
  reference: z.string().nullable(),
  payerName: z.string().nullable(),
  payerIban: z.string().nullable(),
  /** How much of it went to which invoice (one payment may settle several). */
  allocations: z.array(
    z.object({ invoiceId: Id, invoiceNumber: z.string().nullable(), amountCents: z.number().int() }),
  ),
  createdBy: Id.nullable(),
  createdAt: Instant,
});
export type Payment = z.infer<typeof Payment>;

export const RecordPayment = z.strictObject({
  amountCents: Cents.refine((c) => c > 0, { message: 'The amount must be more than 0' }),
  date: BusinessDate,
  method: PaymentMethod.default('bank_transfer'),
  reference: z.string().trim().max(500).nullish(),
});
export type RecordPayment = z.input<typeof RecordPayment>;
export const PaymentList = z.object({ items: z.array(Payment) });
/** The recorded payment and the invoice afterwards (paid and open amounts, status). */
export const RecordPaymentResult = z.object({ payment: Payment, invoice: Invoice });
/** `DELETE /api/invoices/:id?version=` (drafts only). */
export const DeleteInvoiceQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
