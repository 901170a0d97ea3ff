import type { BillingSettings, Invoice, VatCategory } from '../../../../contracts/billing';
import { addDays } from './business-dates';
import {
  bankLines,
  type Content,
  decimal,
  formatDate,
  formatEuro,
  giroCodeFor,
  giroColumn,
  LINE,
  letterHead,
  pageFrame,
  percent,
  renderPdf,
} from './pdf-blocks';

export { formatDate, formatEuro } from './pdf-blocks';

/**
 * The invoice as a PDF (pdfmake, fonts embedded): a German invoice, credit note or cancellation
 * invoice with the details §14 Abs. 4 UStG requires — seller and buyer with addresses, the seller's
 * tax number or VAT ID (and the buyer's VAT ID for reverse charge), number, issue date, date or
 * period of the service, lines, net per VAT rate, VAT and gross, the reason for every 0 % category —
 * plus payment terms, bank details and a GiroCode for the open amount. The letterhead, bank block,
 * footer and page frame are shared with the dunning letter (pdf-blocks.ts).
 *
 * Drafts render as a preview: "ENTWURF" across every page, no number and no GiroCode.
 */

const UNIT_NAMES: Record<string, string> = {
  C62: 'Stk.',
  H87: 'Stk.',
  HUR: 'Std.',
  DAY: 'Tag(e)',
  WEE: 'Woche(n)',
  MON: 'Monat(e)',
  ANN: 'Jahr(e)',
  KGM: 'kg',
  MTR: 'm',
  MTK: 'm²',
  LTR: 'l',
  LS: 'pauschal',
};

export function unitName(code: string): string {
  return UNIT_NAMES[code] ?? code;
}

/** What the invoice is called on paper. */
export function documentTitle(invoice: Pick<Invoice, 'kind' | 'correctsInvoiceId'>): string {
  if (invoice.kind === 'invoice') return 'Rechnung';
  return invoice.correctsInvoiceId ? 'Stornorechnung' : 'Gutschrift';
}

/** The statutory note for a VAT category without VAT, when the line gives no reason of its own. */
export const DEFAULT_EXEMPTION_REASONS: Partial<Record<VatCategory, string>> = {
  AE: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG)',
  K: 'Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1 Buchst. b UStG)',
  G: 'Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1 Buchst. a UStG)',
  E: 'Steuerbefreiter Umsatz',
  O: 'Nicht im Inland steuerbarer Umsatz',
};

export function exemptionText(category: VatCategory, reason: string | null): string | null {
  if (category === 'S' || category === 'Z') return reason;
  return reason ?? DEFAULT_EXEMPTION_REASONS[category] ?? null;
}

// ─── the document ────────────────────────────────────────────────────────────────────────────────

export interface InvoicePdfOptions {
  /** For a cancellation / credit note: the invoice it corrects (number and issue date). */
  corrects?: { number: string | null; issueDate: string | null } | null;
  /** The PDF's creation date; the issue instant keeps an issued invoice's PDF byte-identical. */
  createdAt: Date;
}

function serviceText(invoice: Invoice): [string, string] | null {
  if (invoice.servicePeriodStart && invoice.servicePeriodEnd) {
    return [
      'Leistungszeitraum',
      `${formatDate(invoice.servicePeriodStart)} – ${formatDate(invoice.servicePeriodEnd)}`,
    ];
  }
  if (invoice.serviceDate) return ['Leistungsdatum', formatDate(invoice.serviceDate)];
  // §14 Abs. 4 Nr. 6 UStG: without a separate date, the service date is the issue date.
  if (invoice.issueDate)
    return ['Leistungsdatum', `${formatDate(invoice.issueDate)} (entspricht Rechnungsdatum)`];
  return null;
}

function paymentTermsText(invoice: Invoice): string[] {
  if (invoice.kind === 'credit_note') {
    return ['Der Betrag wird mit der ursprünglichen Rechnung verrechnet bzw. Ihnen erstattet.'];
  }
  const out: string[] = [];
  if (invoice.dueDate) {
    out.push(
      invoice.paymentDays === 0
        ? `Zahlbar sofort ohne Abzug, spätestens bis ${formatDate(invoice.dueDate)}.`
        : `Zahlbar innerhalb von ${invoice.paymentDays} Tagen ohne Abzug bis ${formatDate(invoice.dueDate)}.`,
    );
  } else {
    out.push(`Zahlbar innerhalb von ${invoice.paymentDays} Tagen nach Rechnungsdatum ohne Abzug.`);
  }
  if (invoice.cashDiscountPercent && invoice.cashDiscountDays !== null) {
    const until = invoice.issueDate
      ? ` bis ${formatDate(addDays(invoice.issueDate, invoice.cashDiscountDays))}`
      : '';
    out.push(
      `Bei Zahlung innerhalb von ${invoice.cashDiscountDays} Tagen${until} gewähren wir ${percent.format(invoice.cashDiscountPercent)} % Skonto.`,
    );
  }
  return out;
}

/** The pdfmake document definition (exported for tests). */
export function invoiceDocDefinition(
  invoice: Invoice,
  seller: BillingSettings,
  options: InvoicePdfOptions,
): Record<string, unknown> {
  const draft = invoice.status === 'draft';
  const sign = invoice.kind === 'credit_note' ? -1 : 1;
  const money = (cents: number) => formatEuro(sign * cents);
  const title = documentTitle(invoice);
  const heading = draft ? `${title} (Entwurf)` : `${title} ${invoice.number ?? ''}`.trim();

  const info: [string, string][] = [
    [`${title}snummer`, invoice.number ?? 'Entwurf'],
    [`${title}sdatum`, formatDate(invoice.issueDate)],
  ];
  const service = serviceText(invoice);
  if (service) info.push(service);
  if (invoice.kind === 'invoice' && invoice.dueDate) info.push(['Fällig am', formatDate(invoice.dueDate)]);
  if (options.corrects?.number) {
    info.push(['Zur Rechnung', `${options.corrects.number} vom ${formatDate(options.corrects.issueDate)}`]);
  }
  if (invoice.buyerReference) info.push(['Ihre Referenz', invoice.buyerReference]);
  if (invoice.buyerVatId) info.push(['Ihre USt-IdNr.', invoice.buyerVatId]);
  if (seller.vatId) info.push(['Unsere USt-IdNr.', seller.vatId]);
  if (seller.taxNumber) info.push(['Unsere Steuernummer', seller.taxNumber]);

  const lineRows: Content[] = [
    [
      { text: 'Pos.', style: 'th' },
      { text: 'Beschreibung', style: 'th' },
      { text: 'Menge', style: 'th', alignment: 'right' },
      { text: 'Einzelpreis', style: 'th', alignment: 'right' },
      { text: 'Rabatt', style: 'th', alignment: 'right' },
      { text: 'USt', style: 'th', alignment: 'right' },
      { text: 'Netto', style: 'th', alignment: 'right' },
    ],
    ...invoice.lines.map((l) => [
      String(l.position),
      l.description,
      { text: `${decimal.format(l.quantity)} ${unitName(l.unit)}`, alignment: 'right', noWrap: true },
      { text: formatEuro(l.unitPriceCents), alignment: 'right', noWrap: true },
      { text: l.discountPercent ? `${percent.format(l.discountPercent)} %` : '', alignment: 'right' },
      {
        text: l.vatCategory === 'S' ? `${l.vatRate} %` : `0 % (${l.vatCategory})`,
        alignment: 'right',
        noWrap: true,
      },
      { text: money(l.netCents), alignment: 'right', noWrap: true },
    ]),
  ];

  const totals: [string, string, boolean?][] = [['Summe netto', money(invoice.netCents)]];
  const notes: string[] = [];
  for (const b of invoice.vatBreakdown) {
    if (b.vatRate > 0) {
      totals.push([`zzgl. ${b.vatRate} % USt auf ${money(b.netCents)}`, money(b.vatCents)]);
    } else {
      totals.push([`0 % USt (${b.vatCategory}) auf ${money(b.netCents)}`, money(0)]);
      const text = exemptionText(b.vatCategory, b.exemptionReason);
      if (text && !notes.includes(text)) notes.push(text);
    }
  }
  totals.push([
    invoice.kind === 'credit_note' ? 'Gesamtbetrag (Gutschrift)' : 'Gesamtbetrag',
    money(invoice.grossCents),
    true,
  ]);

  const payLines = paymentTermsText(invoice);
  const bank = bankLines(seller, invoice.number);

  // GiroCode: only for an issued invoice with something left to pay and a seller IBAN.
  const giro =
    !draft && invoice.kind === 'invoice' && invoice.number
      ? giroCodeFor(seller, invoice.openCents, invoice.number)
      : null;

  const content: Content[] = [...letterHead(seller, invoice.buyer, info), { text: heading, style: 'h1' }];
  if (options.corrects?.number && invoice.kind === 'credit_note') {
    content.push({
      text: `Diese ${title} korrigiert die Rechnung ${options.corrects.number} vom ${formatDate(options.corrects.issueDate)}.`,
      margin: [0, 0, 0, 8],
    });
  }
  if (invoice.introText) content.push({ text: invoice.introText, margin: [0, 0, 0, 8] });
  content.push(
    {
      table: { headerRows: 1, widths: [24, '*', 62, 62, 36, 44, 68], body: lineRows },
      layout: {
        hLineWidth: (i: number) => (i <= 1 ? 0.8 : 0.3),
        vLineWidth: () => 0,
        hLineColor: () => LINE,
        paddingTop: () => 3,
        paddingBottom: () => 3,
      },
      fontSize: 8.5,
      margin: [0, 0, 0, 8],
    },
    {
      columns: [
        { width: '*', text: '' },
        {
          width: 260,
          table: {
            widths: ['*', 80],
            body: totals.map(([label, value, bold]) => [
              { text: label, bold: !!bold },
              { text: value, alignment: 'right', bold: !!bold, noWrap: true },
            ]),
          },
          layout: 'noBorders',
        },
      ],
      margin: [0, 0, 0, 12],
    },
  );
  for (const n of notes) content.push({ text: n, bold: true, margin: [0, 0, 0, 4] });
  if (invoice.notes) content.push({ text: invoice.notes, margin: [0, 4, 0, 8] });

  content.push({
    columns: [
      {
        width: '*',
        stack: [
          { text: invoice.kind === 'credit_note' ? 'Erstattung' : 'Zahlungsbedingungen', style: 'h2' },
          ...payLines.map((l) => ({ text: l })),
          ...(invoice.kind === 'invoice'
            ? [
                { text: 'Bankverbindung', style: 'h2', margin: [0, 8, 0, 2] },
                ...bank.map((l) => ({ text: l })),
              ]
            : []),
        ],
      },
      giroColumn(
        giro,
        invoice.paidCents > 0
          ? `GiroCode über den offenen Betrag von ${formatEuro(invoice.openCents)}`
          : 'GiroCode: mit der Banking-App scannen',
      ),
    ],
    unbreakable: true,
    margin: [0, 8, 0, 0],
  });

  return pageFrame({
    seller,
    title: heading,
    subject: `${title} ${invoice.number ?? 'Entwurf'} an ${invoice.buyer.name}`,
    createdAt: options.createdAt,
    content,
    ...(draft ? { watermark: { text: 'ENTWURF', color: '#cc0000', opacity: 0.12, bold: true } } : {}),
  });
}

/** Renders the PDF. Same invoice, seller data and createdAt → the same bytes. */
export async function renderInvoicePdf(
  invoice: Invoice,
  seller: BillingSettings,
  options: InvoicePdfOptions,
): Promise<Buffer> {
  return renderPdf(invoiceDocDefinition(invoice, seller, options));
}

export function invoiceFileName(invoice: Pick<Invoice, 'number' | 'id'>, ext: string): string {
  const base = (invoice.number ?? `entwurf-${invoice.id}`).replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${base}.${ext}`;
}
