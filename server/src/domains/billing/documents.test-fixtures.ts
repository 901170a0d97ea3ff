import type { BillingSettings, Invoice, InvoiceLineInput } from '../../../../contracts/billing';
import { invoiceLineFigures, vatBreakdown } from '../../../../contracts/invoice-amounts';

/** Seller data as an admin would fill it in. */
export function sampleSeller(over: Partial<BillingSettings> = {}): BillingSettings {
  return {
    sellerName: 'Muster Software GmbH',
    street: 'Hauptstraße 1',
    postalCode: '10115',
    city: 'Berlin',
    country: 'DE',
    vatId: 'DE123456789',
    taxNumber: '30/123/45678',
    iban: 'DE02 1203 0000 0000 2020 51',
    bic: 'BYLADEM1001',
    bankName: 'Deutsche Kreditbank',
    email: 'rechnung@muster-software.de',
    phone: '+49 30 1234567',
    invoiceNumberFormat: 'RE-{YYYY}-{NNNNN}',
    creditNoteNumberFormat: 'GS-{YYYY}-{NNNNN}',
    defaultPaymentDays: 14,
    graceDays: 3,
    autoInvoiceOnWon: false,
    collectionsTeamId: null,
    updatedAt: '2026-11-01T08:00:00.000Z',
    version: 2,
    ...over,
  };
}

export const MIXED_LINES: InvoiceLineInput[] = [
  { description: 'Beratung', quantity: 7.5, unit: 'HUR', unitPriceCents: 12_000, vatRate: 19 },
  {
    description: 'Lizenz „Kontor Pro“',
    quantity: 3,
    unitPriceCents: 49_990,
    discountPercent: 10,
    vatRate: 19,
  },
  { description: 'Fachbuch', quantity: 2, unitPriceCents: 3_995, vatRate: 7 },
  {
    description: 'Montage beim Kunden in Wien',
    quantity: 1,
    unit: 'LS',
    unitPriceCents: 80_000,
    vatRate: 0,
    vatCategory: 'AE',
    exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers',
  },
];

/** An issued invoice as the API returns it, computed with the shared invoice arithmetic. */
export function sampleInvoice(over: Partial<Invoice> = {}, lines: InvoiceLineInput[] = MIXED_LINES): Invoice {
  const figures = lines.map((l, i) => invoiceLineFigures(l, i + 1));
  const breakdown = vatBreakdown(figures);
  const net = figures.reduce((s, l) => s + l.netCents, 0);
  const vat = breakdown.reduce((s, b) => s + b.vatCents, 0);
  return {
    id: '01890a5d-ac96-774b-bcce-b302099a0001',
    kind: 'invoice',
    status: 'issued',
    number: 'RE-2026-00042',
    companyId: '01890a5d-ac96-774b-bcce-b302099a0002',
    companyName: 'Alpen Handel GmbH',
    contactId: null,
    dealId: null,
    buyer: {
      name: 'Alpen Handel GmbH',
      street: 'Ringstraße 5',
      postalCode: '1010',
      city: 'Wien',
      country: 'AT',
    },
    buyerVatId: 'ATU12345678',
    buyerReference: '04011000-12345-67',
    buyerEmail: 'einkauf@alpen-handel.at',
    issueDate: '2026-11-26',
    dueDate: '2026-12-10',
    serviceDate: null,
    servicePeriodStart: '2026-11-01',
    servicePeriodEnd: '2026-11-30',
    paymentDays: 14,
    cashDiscountPercent: 2,
    cashDiscountDays: 7,
    currency: 'EUR',
    lines: figures.map((f) => ({
      id: `01890a5d-ac96-774b-bcce-b30209a1${String(f.position).padStart(4, '0')}`,
      position: f.position,
      productId: f.productId,
      description: f.description,
      quantity: f.quantity,
      unit: f.unit,
      unitPriceCents: f.unitPriceCents,
      discountPercent: f.discountPercent,
      vatRate: f.vatRate,
      vatCategory: f.vatCategory,
      exemptionReason: f.exemptionReason,
      netCents: f.netCents,
    })),
    vatBreakdown: breakdown,
    netCents: net,
    vatCents: vat,
    grossCents: net + vat,
    paidCents: 0,
    openCents: net + vat,
    overdue: false,
    overdueSince: null,
    dunningLevel: 0,
    lastDunnedOn: null,
    dunningBlocked: false,
    buyerIsConsumer: false,
    introText: 'Vielen Dank für Ihren Auftrag. Wir berechnen Ihnen:',
    notes: null,
    correctsInvoiceId: null,
    correctedByInvoiceId: null,
    ownerId: null,
    teamId: null,
    issuedAt: '2026-11-26T09:00:00.000Z',
    paidAt: null,
    createdBy: null,
    createdAt: '2026-11-25T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    version: 2,
    ...over,
  };
}
