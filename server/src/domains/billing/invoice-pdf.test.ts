import { describe, expect, it } from 'vitest';
import { addDays } from './business-dates';
import { sampleInvoice, sampleSeller } from './documents.test-fixtures';
import { documentTitle, formatDate, formatEuro, invoiceDocDefinition, renderInvoicePdf } from './invoice-pdf';

const createdAt = new Date('2026-11-26T09:00:00.000Z');

/** All text of a pdfmake document definition, flattened. */
function textOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(textOf);
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => (k === 'qr' ? [] : textOf(v)));
  }
  return [];
}

function qrOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(qrOf);
  if (node && typeof node === 'object') {
    const own = 'qr' in node ? [String((node as { qr: unknown }).qr)] : [];
    return [...own, ...Object.values(node).flatMap(qrOf)];
  }
  return [];
}

describe('invoice PDF', () => {
  it('formats German amounts and dates', () => {
    expect(formatEuro(123_456)).toBe('1.234,56 €');
    expect(formatEuro(-5)).toBe('-0,05 €');
    expect(formatDate('2026-12-10')).toBe('10.12.2026');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('holds the §14 UStG details, VAT per rate, the reverse-charge note and the GiroCode', () => {
    const invoice = sampleInvoice();
    const doc = invoiceDocDefinition(invoice, sampleSeller(), { createdAt });
    const text = textOf(doc.content).join('\n');
    for (const expected of [
      'Muster Software GmbH · Hauptstraße 1 · 10115 Berlin', // seller
      'Alpen Handel GmbH', // buyer
      'Ringstraße 5',
      'ÖSTERREICH',
      'RE-2026-00042', // number
      '26.11.2026', // issue date
      '01.11.2026 – 30.11.2026', // service period
      'DE123456789', // seller VAT ID
      '30/123/45678', // seller tax number
      'ATU12345678', // buyer VAT ID (reverse charge)
      '7,5 Std.',
      '10 %', // discount
      '1.349,73 €', // discounted line net
      'zzgl. 19 % USt auf 2.249,73 €',
      '427,45 €',
      'zzgl. 7 % USt auf 79,90 €',
      '5,59 €',
      '0 % USt (AE) auf 800,00 €',
      'Steuerschuldnerschaft des Leistungsempfängers',
      '3.562,67 €', // gross
      'Zahlbar innerhalb von 14 Tagen ohne Abzug bis 10.12.2026.',
      'Bei Zahlung innerhalb von 7 Tagen bis 03.12.2026 gewähren wir 2 % Skonto.',
      'IBAN: DE02 1203 0000 0000 2020 51',
      'BIC: BYLADEM1001',
    ]) {
      expect(text).toContain(expected);
    }
    expect(qrOf(doc.content)).toEqual([
      'BCD\n002\n1\nSCT\nBYLADEM1001\nMuster Software GmbH\nDE02120300000000202051\nEUR3562.67\n\n\nRE-2026-00042',
    ]);
  });

  it('puts the open amount into the GiroCode of a partly paid invoice', () => {
    const invoice = sampleInvoice();
    const doc = invoiceDocDefinition({ ...invoice, paidCents: 62_667, openCents: 300_000 }, sampleSeller(), {
      createdAt,
    });
    expect(qrOf(doc.content)[0]).toContain('\nEUR3000.00\n');
  });

  it('renders a cancellation invoice with negative amounts, the corrected invoice and no GiroCode', () => {
    const invoice = sampleInvoice({
      kind: 'credit_note',
      number: 'GS-2026-00001',
      correctsInvoiceId: '01890a5d-ac96-774b-bcce-b302099a0009',
    });
    expect(documentTitle(invoice)).toBe('Stornorechnung');
    const doc = invoiceDocDefinition(invoice, sampleSeller(), {
      createdAt,
      corrects: { number: 'RE-2026-00042', issueDate: '2026-11-20' },
    });
    const text = textOf(doc.content).join('\n');
    expect(text).toContain('Stornorechnung GS-2026-00001');
    expect(text).toContain('RE-2026-00042 vom 20.11.2026');
    expect(text).toContain('-3.562,67 €');
    expect(qrOf(doc.content)).toEqual([]);
  });

  it('marks a draft as ENTWURF, without number and GiroCode', () => {
    const doc = invoiceDocDefinition(
      sampleInvoice({ status: 'draft', number: null, issueDate: null, dueDate: null, issuedAt: null }),
      sampleSeller(),
      { createdAt },
    );
    expect(doc.watermark).toMatchObject({ text: 'ENTWURF' });
    expect(textOf(doc.content).join('\n')).toContain('Rechnung (Entwurf)');
    expect(qrOf(doc.content)).toEqual([]);
  });

  it('produces a PDF deterministically (same bytes) with several VAT rates and a reverse-charge line', async () => {
    const invoice = sampleInvoice();
    const a = await renderInvoicePdf(invoice, sampleSeller(), { createdAt });
    const b = await renderInvoicePdf(invoice, sampleSeller(), { createdAt });
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    // The title in the document information carries the number as plain text.
    expect(a.toString('latin1')).toContain('(Rechnung RE-2026-00042)');
    // Fonts are embedded (not the 14 standard fonts).
    expect(a.toString('latin1')).toMatch(/\/FontFile2/);
  });
});
