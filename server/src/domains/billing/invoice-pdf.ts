import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BillingSettings, Invoice, VatCategory } from '../../../../contracts/billing';
import { addDays } from './business-dates';
import { giroCodePayload } from './girocode';

/**
 * The invoice as a PDF (pdfmake, fonts embedded): a German invoice, credit note or cancellation
 * invoice with the details §14 Abs. 4 UStG requires — seller and buyer with addresses, the seller's
 * tax number or VAT ID (and the buyer's VAT ID for reverse charge), number, issue date, date or
 * period of the service, lines, net per VAT rate, VAT and gross, the reason for every 0 % category —
 * plus payment terms, bank details and a GiroCode for the open amount.
 *
 * Drafts render as a preview: "ENTWURF" across every page, no number and no GiroCode.
 */

// ─── pdfmake (CommonJS, no bundled types) ────────────────────────────────────────────────────────

interface PdfMakeOutput {
  getBuffer(): Promise<Buffer>;
}
interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): PdfMakeOutput;
}
type Content = string | number | { [key: string]: unknown } | Content[];

const require = createRequire(import.meta.url);
let printer: PdfMake | null = null;

/**
 * pdfmake with Roboto loaded into its virtual file system once. Documents never read local files
 * or fetch URLs (both access policies deny everything): all they contain comes from the invoice.
 */
function pdfmake(): PdfMake {
  if (printer) return printer;
  const pm = require('pdfmake') as PdfMake;
  const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = {
    normal: 'Roboto-Regular.ttf',
    bold: 'Roboto-Medium.ttf',
    italics: 'Roboto-Italic.ttf',
    bolditalics: 'Roboto-MediumItalic.ttf',
  };
  for (const file of Object.values(files)) {
    const name = `kontor/${file}`;
    if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, readFileSync(join(fontDir, file)));
  }
  pm.setFonts({
    Roboto: Object.fromEntries(Object.entries(files).map(([style, file]) => [style, `kontor/${file}`])),
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  printer = pm;
  return pm;
}

// ─── formatting (German) ─────────────────────────────────────────────────────────────────────────

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const decimal = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

/** 123456 → "1.234,56 €" (a normal space before the sign, so text extraction finds it). */
export function formatEuro(cents: number): string {
  return euro.format(cents / 100).replace(/\u00a0/g, ' ');
}

/** "2026-12-10" → "10.12.2026". */
export function formatDate(date: string | null): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

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

const GREY = '#666666';
const LINE = '#cccccc';

const regions = new Intl.DisplayNames('de', { type: 'region' });
function countryName(code: string): string {
  try {
    return (regions.of(code) ?? code).toUpperCase();
  } catch {
    return code;
  }
}

function addressLines(a: {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
}) {
  const place = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.name, a.street, place, a.country !== 'DE' ? countryName(a.country) : null].filter(
    (l): l is string => !!l && l.trim() !== '',
  );
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

  const sellerPlace = [seller.postalCode, seller.city].filter(Boolean).join(' ');
  const senderLine = [seller.sellerName, seller.street, sellerPlace].filter((s) => s?.trim()).join(' · ');

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
  const bank = [
    `Kontoinhaber: ${seller.sellerName}`,
    `IBAN: ${seller.iban
      .replace(/\s+/g, '')
      .replace(/(.{4})/g, '$1 ')
      .trim()}`,
    seller.bic ? `BIC: ${seller.bic}` : null,
    seller.bankName ? `Bank: ${seller.bankName}` : null,
    invoice.number ? `Verwendungszweck: ${invoice.number}` : null,
  ].filter((l): l is string => !!l);

  // GiroCode: only for an issued invoice with something left to pay and a seller IBAN.
  const giro =
    !draft && invoice.kind === 'invoice' && invoice.number && seller.iban.trim() && invoice.openCents > 0
      ? giroCodePayload({
          name: seller.sellerName,
          iban: seller.iban,
          bic: seller.bic,
          amountCents: invoice.openCents,
          remittance: invoice.number,
        })
      : null;

  const content: Content[] = [
    { text: senderLine, fontSize: 7, color: GREY, margin: [0, 0, 0, 4] },
    {
      columns: [
        { width: '*', stack: addressLines(invoice.buyer).map((l) => ({ text: l })) },
        {
          width: 230,
          table: { widths: [105, '*'], body: info.map(([k, v]) => [{ text: k, color: GREY }, v]) },
          layout: 'noBorders',
          fontSize: 8.5,
        },
      ],
      margin: [0, 0, 0, 24],
    },
    { text: heading, style: 'h1' },
  ];
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
      giro
        ? {
            width: 110,
            stack: [
              { qr: giro, eccLevel: 'M', fit: 100, margin: [0, 4, 0, 2] },
              {
                text:
                  invoice.paidCents > 0
                    ? `GiroCode über den offenen Betrag von ${formatEuro(invoice.openCents)}`
                    : 'GiroCode: mit der Banking-App scannen',
                fontSize: 6.5,
                color: GREY,
              },
            ],
          }
        : { width: 0, text: '' },
    ],
    unbreakable: true,
    margin: [0, 8, 0, 0],
  });

  const footerParts = [
    [seller.sellerName, seller.street, sellerPlace].filter((s) => s?.trim()).join(', '),
    [
      seller.vatId ? `USt-IdNr. ${seller.vatId}` : null,
      seller.taxNumber ? `St.-Nr. ${seller.taxNumber}` : null,
      seller.email,
      seller.phone,
    ]
      .filter(Boolean)
      .join(' · '),
    [seller.iban ? `IBAN ${seller.iban}` : null, seller.bic ? `BIC ${seller.bic}` : null, seller.bankName]
      .filter(Boolean)
      .join(' · '),
  ].filter((s) => s !== '');

  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 80],
    info: {
      title: heading,
      subject: `${title} ${invoice.number ?? 'Entwurf'} an ${invoice.buyer.name}`,
      author: seller.sellerName,
      creator: 'Kontor',
      producer: 'Kontor',
      creationDate: options.createdAt,
      modDate: options.createdAt,
    },
    ...(draft ? { watermark: { text: 'ENTWURF', color: '#cc0000', opacity: 0.12, bold: true } } : {}),
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 10, bold: true, margin: [0, 0, 0, 2] },
      th: { bold: true },
    },
    content,
    footer: (page: number, pages: number) => ({
      margin: [56, 16, 56, 0],
      fontSize: 7,
      color: GREY,
      stack: [
        ...footerParts.map((t) => ({ text: t })),
        { text: `Seite ${page} von ${pages}`, alignment: 'right' },
      ],
    }),
  };
}

/** Renders the PDF. Same invoice, seller data and createdAt → the same bytes. */
export async function renderInvoicePdf(
  invoice: Invoice,
  seller: BillingSettings,
  options: InvoicePdfOptions,
): Promise<Buffer> {
  return pdfmake()
    .createPdf(invoiceDocDefinition(invoice, seller, options))
    .getBuffer();
}

export function invoiceFileName(invoice: Pick<Invoice, 'number' | 'id'>, ext: string): string {
  const base = (invoice.number ?? `entwurf-${invoice.id}`).replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${base}.${ext}`;
}
