import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BillingSettings } from '../../../../contracts/billing';
import { giroCodePayload } from './girocode';

/**
 * What the billing documents (invoice PDF, dunning letter) share: pdfmake with embedded fonts and
 * no file or URL access, German formatting, the seller's letterhead, the buyer's address block,
 * bank details with a GiroCode, the footer and the page frame. Same input → the same bytes.
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
export type Content = string | number | { [key: string]: unknown } | Content[];

const require = createRequire(import.meta.url);
let printer: PdfMake | null = null;

/**
 * pdfmake with Roboto loaded into its virtual file system once. Documents never read local files
 * or fetch URLs (both access policies deny everything): all they contain comes from the data.
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

/** Renders a pdfmake document definition to PDF bytes. */
export function renderPdf(doc: Record<string, unknown>): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

// ─── formatting (German) ─────────────────────────────────────────────────────────────────────────

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
export const decimal = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 });
export const percent = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

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

// ─── blocks ──────────────────────────────────────────────────────────────────────────────────────

export const GREY = '#666666';
export const LINE = '#cccccc';

const regions = new Intl.DisplayNames('de', { type: 'region' });
function countryName(code: string): string {
  try {
    return (regions.of(code) ?? code).toUpperCase();
  } catch {
    return code;
  }
}

export interface PostalAddress {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
}

/** The lines of an address block (the country only abroad, in capitals as the post wants it). */
export function addressLines(a: PostalAddress): string[] {
  const place = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.name, a.street, place, a.country !== 'DE' ? countryName(a.country) : null].filter(
    (l): l is string => !!l && l.trim() !== '',
  );
}

/** The small sender line above the address window: "Firma · Straße · PLZ Ort". */
export function senderLine(seller: BillingSettings): string {
  const place = [seller.postalCode, seller.city].filter(Boolean).join(' ');
  return [seller.sellerName, seller.street, place].filter((s) => s?.trim()).join(' · ');
}

/** Account holder, IBAN in groups of four, BIC, bank and the reference to quote. */
export function bankLines(seller: BillingSettings, reference: string | null): string[] {
  return [
    `Kontoinhaber: ${seller.sellerName}`,
    `IBAN: ${seller.iban
      .replace(/\s+/g, '')
      .replace(/(.{4})/g, '$1 ')
      .trim()}`,
    seller.bic ? `BIC: ${seller.bic}` : null,
    seller.bankName ? `Bank: ${seller.bankName}` : null,
    reference ? `Verwendungszweck: ${reference}` : null,
  ].filter((l): l is string => !!l);
}

/** The GiroCode (EPC QR) payload for an amount to the seller, or null without IBAN or amount. */
export function giroCodeFor(seller: BillingSettings, amountCents: number, reference: string): string | null {
  if (!seller.iban.trim() || amountCents <= 0) return null;
  return giroCodePayload({
    name: seller.sellerName,
    iban: seller.iban,
    bic: seller.bic,
    amountCents,
    remittance: reference,
  });
}

/** A column with the QR code and a caption under it (or an empty column without a code). */
export function giroColumn(giro: string | null, caption: string): Content {
  if (!giro) return { width: 0, text: '' };
  return {
    width: 110,
    stack: [
      { qr: giro, eccLevel: 'M', fit: 100, margin: [0, 4, 0, 2] },
      { text: caption, fontSize: 6.5, color: GREY },
    ],
  };
}

/** Seller name and address, tax ids and contact, bank: the footer lines of every page. */
export function footerLines(seller: BillingSettings): string[] {
  const place = [seller.postalCode, seller.city].filter(Boolean).join(' ');
  return [
    [seller.sellerName, seller.street, place].filter((s) => s?.trim()).join(', '),
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
}

/** The letterhead: sender line, then the address block on the left and the facts table on the right. */
export function letterHead(
  seller: BillingSettings,
  buyer: PostalAddress,
  facts: [string, string][],
): Content[] {
  return [
    { text: senderLine(seller), fontSize: 7, color: GREY, margin: [0, 0, 0, 4] },
    {
      columns: [
        { width: '*', stack: addressLines(buyer).map((l) => ({ text: l })) },
        {
          width: 230,
          table: { widths: [105, '*'], body: facts.map(([k, v]) => [{ text: k, color: GREY }, v]) },
          layout: 'noBorders',
          fontSize: 8.5,
        },
      ],
      margin: [0, 0, 0, 24],
    },
  ];
}

/** A4 page frame, fonts, styles, document information and the footer with page numbers. */
export function pageFrame(opts: {
  seller: BillingSettings;
  title: string;
  subject: string;
  keywords?: string;
  createdAt: Date;
  content: Content[];
  watermark?: Record<string, unknown>;
}): Record<string, unknown> {
  const footer = footerLines(opts.seller);
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 80],
    info: {
      title: opts.title,
      subject: opts.subject,
      ...(opts.keywords ? { keywords: opts.keywords } : {}),
      author: opts.seller.sellerName,
      creator: 'Kontor',
      producer: 'Kontor',
      creationDate: opts.createdAt,
      modDate: opts.createdAt,
    },
    ...(opts.watermark ? { watermark: opts.watermark } : {}),
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 10, bold: true, margin: [0, 0, 0, 2] },
      th: { bold: true },
    },
    content: opts.content,
    footer: (page: number, pages: number) => ({
      margin: [56, 16, 56, 0],
      fontSize: 7,
      color: GREY,
      stack: [
        ...footer.map((t) => ({ text: t })),
        { text: `Seite ${page} von ${pages}`, alignment: 'right' },
      ],
    }),
  };
}
