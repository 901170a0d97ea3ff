import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BillingSettings } from '../../../../contracts/billing';
import type { PurchaseOrder } from '../../../../contracts/purchasing';

/**
 * The purchase order as a PDF (pdfmake with embedded Roboto, no file or URL access), German: the
 * company's letterhead from the billing settings, the supplier's name, order number and dates, the
 * lines with supplier SKU, quantity, unit price and net, the totals. Like billing's documents, but
 * billing does not export its PDF blocks, so the few needed live here.
 */

interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let printer: PdfMake | null = null;

function pdfmake(): PdfMake {
  if (printer) return printer;
  const pm = require('pdfmake') as PdfMake;
  const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf' };
  for (const file of Object.values(files)) {
    const name = `kontor/${file}`;
    if (!pm.virtualfs.existsSync(name)) pm.virtualfs.writeFileSync(name, readFileSync(join(fontDir, file)));
  }
  pm.setFonts({
    Roboto: {
      normal: `kontor/${files.normal}`,
      bold: `kontor/${files.bold}`,
      italics: `kontor/${files.italics}`,
      bolditalics: `kontor/${files.bold}`,
    },
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  printer = pm;
  return pm;
}

const euroFormat = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const decimal = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 });
const euro = (cents: number) => euroFormat.format(cents / 100).replace(/\u00a0/g, ' ');
const germanDate = (date: string | null) =>
  date ? `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}` : '—';

const UNIT_NAMES: Record<string, string> = {
  C62: 'Stk.',
  H87: 'Stk.',
  HUR: 'Std.',
  KGM: 'kg',
  MTR: 'm',
  MTK: 'm²',
  LTR: 'l',
  SET: 'Satz',
  PR: 'Paar',
};

export const purchaseOrderFileName = (o: Pick<PurchaseOrder, 'number'>) => `Bestellung-${o.number}.pdf`;

/** The mail text that goes with the PDF. */
export function purchaseOrderMailText(o: PurchaseOrder, sellerName: string, message: string | null): string {
  return [
    'Sehr geehrte Damen und Herren,',
    '',
    message ??
      `anbei erhalten Sie unsere Bestellung ${o.number} über ${euro(o.netCents)} netto${
        o.expectedDate ? ` mit der Bitte um Lieferung bis zum ${germanDate(o.expectedDate)}` : ''
      }. Bitte bestätigen Sie den Liefertermin und geben Sie bei Lieferung und Rechnung die Bestellnummer an.`,
    '',
    'Mit freundlichen Grüßen',
    sellerName,
  ].join('\n');
}

export function renderPurchaseOrderPdf(
  o: PurchaseOrder,
  seller: BillingSettings,
  opts: { createdAt: Date },
): Promise<Buffer> {
  const place = [seller.postalCode, seller.city].filter(Boolean).join(' ');
  const orderDate = (o.sentAt ?? o.approvedAt ?? o.createdAt).slice(0, 10);
  const rows = o.lines.map((l, i) => [
    String(i + 1),
    {
      stack: [l.description, { text: `Art.-Nr. ${l.supplierSku ?? l.sku}`, fontSize: 7.5, color: '#666666' }],
    },
    { text: `${decimal.format(l.quantity)} ${UNIT_NAMES[l.unit] ?? l.unit}`, alignment: 'right' },
    { text: euro(l.unitPriceCents), alignment: 'right' },
    { text: euro(l.netCents), alignment: 'right' },
  ]);
  const doc = {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 72],
    info: {
      title: `Bestellung ${o.number}`,
      author: seller.sellerName,
      creator: 'Kontor',
      producer: 'Kontor',
      creationDate: opts.createdAt,
      modDate: opts.createdAt,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    content: [
      {
        text: [seller.sellerName, seller.street, place].filter((s) => s?.trim()).join(' · '),
        fontSize: 7,
        color: '#666666',
        margin: [0, 0, 0, 4],
      },
      {
        columns: [
          { width: '*', text: o.supplierName },
          {
            width: 230,
            layout: 'noBorders',
            fontSize: 8.5,
            table: {
              widths: [105, '*'],
              body: [
                ['Bestellnummer', o.number],
                ['Bestelldatum', germanDate(orderDate)],
                ['Liefertermin', germanDate(o.expectedDate)],
                ...(seller.email ? [['E-Mail', seller.email]] : []),
              ],
            },
          },
        ],
        margin: [0, 0, 0, 24],
      },
      { text: `Bestellung ${o.number}`, fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      { text: 'Wir bestellen zu den vereinbarten Bedingungen:', margin: [0, 0, 0, 8] },
      {
        table: {
          headerRows: 1,
          widths: [18, '*', 70, 70, 70],
          body: [
            [
              { text: 'Pos.', bold: true },
              { text: 'Artikel', bold: true },
              { text: 'Menge', bold: true, alignment: 'right' },
              { text: 'Einzelpreis', bold: true, alignment: 'right' },
              { text: 'Netto', bold: true, alignment: 'right' },
            ],
            ...rows,
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        margin: [0, 10, 0, 0],
        columns: [
          { width: '*', text: '' },
          {
            width: 200,
            layout: 'noBorders',
            table: {
              widths: ['*', 80],
              body: [
                ['Summe netto', { text: euro(o.netCents), alignment: 'right' }],
                ['Umsatzsteuer', { text: euro(o.vatCents), alignment: 'right' }],
                [
                  { text: 'Gesamt', bold: true },
                  { text: euro(o.grossCents), alignment: 'right', bold: true },
                ],
              ],
            },
          },
        ],
      },
      ...(o.note ? [{ text: o.note, margin: [0, 16, 0, 0] }] : []),
      {
        text: 'Bitte geben Sie die Bestellnummer auf Lieferschein und Rechnung an.',
        margin: [0, 16, 0, 0],
      },
    ],
    footer: (page: number, pages: number) => ({
      margin: [56, 16, 56, 0],
      fontSize: 7,
      color: '#666666',
      stack: [
        [seller.sellerName, seller.street, place].filter((s) => s?.trim()).join(', '),
        [seller.vatId ? `USt-IdNr. ${seller.vatId}` : null, seller.email, seller.phone]
          .filter(Boolean)
          .join(' · '),
        { text: `Seite ${page} von ${pages}`, alignment: 'right' },
      ],
    }),
  };
  return pdfmake().createPdf(doc).getBuffer();
}
