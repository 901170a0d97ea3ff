import type { BillingSettings } from '../../../../contracts/billing';
import type { DunningNotice } from '../../../../contracts/dunning';
import {
  bankLines,
  type Content,
  formatDate,
  formatEuro,
  giroCodeFor,
  giroColumn,
  letterHead,
  type PostalAddress,
  pageFrame,
  percent,
  renderPdf,
} from './pdf-blocks';

/**
 * The dunning letter (payment reminder, dunning notice, final notice) as a PDF, rendered from the
 * stored notice — its amounts are frozen on the day of the notice, so the letter never changes and
 * is never "written twice": seller letterhead as on the invoice, the buyer's address, the date, the
 * level name as subject, the level's letter text, a table with the invoice (number, date, due date),
 * open amount, fees, interest (rate and days), lump sum and total, the new payment deadline, bank
 * details and a GiroCode for the total with the invoice number as reference.
 */

export interface DunningLetterInput {
  notice: DunningNotice & { letterText: string };
  invoice: { number: string; issueDate: string | null; dueDate: string | null; buyer: PostalAddress };
  seller: BillingSettings;
}

/** The rows of the amounts table: [label, amount, bold?]. */
export function letterAmountRows(n: DunningNotice): [string, string, boolean?][] {
  const rows: [string, string, boolean?][] = [['Offener Rechnungsbetrag', formatEuro(n.openCents)]];
  if (n.feeCents > 0) rows.push(['Mahngebühren', formatEuro(n.feeCents)]);
  if (n.interestCents > 0 || n.interestRatePercent > 0) {
    const days = n.daysOverdue === 1 ? '1 Tag' : `${n.daysOverdue} Tage`;
    rows.push([
      `Verzugszinsen ${percent.format(n.interestRatePercent)} % p. a. für ${days} (§ 288 BGB)`,
      formatEuro(n.interestCents),
    ]);
  }
  if (n.lumpSumCents > 0) rows.push(['Verzugspauschale (§ 288 Abs. 5 BGB)', formatEuro(n.lumpSumCents)]);
  rows.push(['Zu zahlender Gesamtbetrag', formatEuro(n.totalCents), true]);
  return rows;
}

/** The pdfmake document definition (exported for tests). */
export function dunningLetterDefinition({
  notice: n,
  invoice,
  seller,
}: DunningLetterInput): Record<string, unknown> {
  const subject = `${n.levelName} zur Rechnung ${invoice.number}`;
  const facts: [string, string][] = [
    ['Datum', formatDate(n.noticeDate)],
    ['Rechnungsnummer', invoice.number],
    ['Rechnungsdatum', formatDate(invoice.issueDate)],
    ['Fällig seit', formatDate(invoice.dueDate)],
  ];
  if (seller.vatId) facts.push(['Unsere USt-IdNr.', seller.vatId]);
  if (seller.taxNumber) facts.push(['Unsere Steuernummer', seller.taxNumber]);

  const invoiceTable = {
    table: {
      headerRows: 1,
      widths: ['*', 90, 90],
      body: [
        [
          { text: 'Rechnung', style: 'th' },
          { text: 'Rechnungsdatum', style: 'th' },
          { text: 'Fällig am', style: 'th' },
        ],
        [invoice.number, formatDate(invoice.issueDate), formatDate(invoice.dueDate)],
      ],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8.5,
    margin: [0, 4, 0, 8],
  };
  const amounts = {
    columns: [
      { width: '*', text: '' },
      {
        width: 320,
        table: {
          widths: ['*', 80],
          body: letterAmountRows(n).map(([label, value, bold]) => [
            { text: label, bold: !!bold },
            { text: value, alignment: 'right', bold: !!bold, noWrap: true },
          ]),
        },
        layout: 'noBorders',
      },
    ],
    margin: [0, 0, 0, 12],
  };
  const giro = giroCodeFor(seller, n.totalCents, invoice.number);
  const content: Content[] = [
    ...letterHead(seller, invoice.buyer, facts),
    { text: subject, style: 'h1' },
    { text: 'Sehr geehrte Damen und Herren,', margin: [0, 0, 0, 6] },
    { text: n.letterText, margin: [0, 0, 0, 8] },
    invoiceTable,
    amounts,
    {
      text: `Bitte überweisen Sie den Gesamtbetrag von ${formatEuro(n.totalCents)} bis zum ${formatDate(n.paymentDeadline)}.`,
      bold: true,
      margin: [0, 0, 0, 8],
    },
    { text: 'Mit freundlichen Grüßen', margin: [0, 4, 0, 2] },
    { text: seller.sellerName, margin: [0, 0, 0, 8] },
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: 'Bankverbindung', style: 'h2' },
            ...bankLines(seller, invoice.number).map((l) => ({ text: l })),
          ],
        },
        giroColumn(giro, `GiroCode über den Gesamtbetrag von ${formatEuro(n.totalCents)}`),
      ],
      unbreakable: true,
      margin: [0, 8, 0, 0],
    },
  ];
  return pageFrame({
    seller,
    title: subject,
    subject: `${subject} an ${invoice.buyer.name}`,
    keywords: `Gesamtbetrag EUR ${(n.totalCents / 100).toFixed(2)}; zahlbar bis ${n.paymentDeadline}`,
    createdAt: new Date(n.createdAt),
    content,
  });
}

/**
 * Renders the letter. The same notice and the same seller settings → the same bytes (the letterhead
 * and bank details come from the current settings, not from the notice).
 */
export function renderDunningLetter(input: DunningLetterInput): Promise<Buffer> {
  return renderPdf(dunningLetterDefinition(input));
}

export function dunningLetterFileName(n: Pick<DunningNotice, 'invoiceNumber' | 'level'>): string {
  return `${n.invoiceNumber.replace(/[^A-Za-z0-9._-]+/g, '_')}-mahnstufe-${n.level}.pdf`;
}
