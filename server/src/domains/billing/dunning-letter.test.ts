import { describe, expect, it } from 'vitest';
import type { DunningNotice } from '../../../../contracts/dunning';
import { sampleSeller } from './documents.test-fixtures';
import { dunningLetterDefinition, dunningLetterFileName, renderDunningLetter } from './dunning-letter';

/** All text of a pdfmake document definition, flattened (QR payloads apart). */
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

const notice: DunningNotice & { letterText: string } = {
  id: '01890a5d-ac96-774b-bcce-b30209900042',
  invoiceId: '01890a5d-ac96-774b-bcce-b30209900001',
  invoiceNumber: 'RE-2026-00042',
  level: 3,
  levelName: '2. Mahnung',
  noticeDate: '2026-12-21',
  paymentDeadline: '2026-12-28',
  daysOverdue: 35,
  openCents: 23_800,
  feeCents: 500,
  interestRatePercent: 10.27,
  interestCents: 234,
  lumpSumCents: 4000,
  totalCents: 28_534,
  createdAt: '2026-12-21T05:00:00.000Z',
  letterText: 'trotz unserer Mahnung ist die folgende Rechnung weiterhin unbezahlt.',
};
const input = {
  notice,
  invoice: {
    number: 'RE-2026-00042',
    issueDate: '2026-11-02',
    dueDate: '2026-11-16',
    buyer: {
      name: 'Alpen Handel GmbH',
      street: 'Ringstraße 5',
      postalCode: '6020',
      city: 'Innsbruck',
      country: 'AT',
    },
  },
  seller: sampleSeller(),
};

describe('dunning letter PDF', () => {
  it('has letterhead, address, subject, text, the amounts with rate and days, the deadline and a GiroCode for the total', () => {
    const doc = dunningLetterDefinition(input);
    const text = textOf(doc.content).join('\n');
    for (const expected of [
      'Muster Software GmbH · Hauptstraße 1 · 10115 Berlin',
      'Alpen Handel GmbH',
      'ÖSTERREICH',
      '21.12.2026',
      '2. Mahnung zur Rechnung RE-2026-00042',
      'Sehr geehrte Damen und Herren,',
      'trotz unserer Mahnung',
      '02.11.2026',
      '16.11.2026',
      'Offener Rechnungsbetrag',
      '238,00 €',
      'Mahngebühren',
      '5,00 €',
      'Verzugszinsen 10,27 % p. a. für 35 Tage (§ 288 BGB)',
      '2,34 €',
      'Verzugspauschale (§ 288 Abs. 5 BGB)',
      '40,00 €',
      'Zu zahlender Gesamtbetrag',
      '285,34 €',
      'Bitte überweisen Sie den Gesamtbetrag von 285,34 € bis zum 28.12.2026.',
      'IBAN: DE02 1203 0000 0000 2020 51',
      'Verwendungszweck: RE-2026-00042',
    ]) {
      expect(text).toContain(expected);
    }
    expect(qrOf(doc.content)).toEqual([
      'BCD\n002\n1\nSCT\nBYLADEM1001\nMuster Software GmbH\nDE02120300000000202051\nEUR285.34\n\n\nRE-2026-00042',
    ]);
  });

  it('leaves out what the notice does not charge', () => {
    const text = textOf(
      dunningLetterDefinition({
        ...input,
        notice: {
          ...notice,
          level: 1,
          feeCents: 0,
          interestRatePercent: 0,
          interestCents: 0,
          lumpSumCents: 0,
          totalCents: 23_800,
        },
      }).content,
    ).join('\n');
    expect(text).not.toContain('Mahngebühren');
    expect(text).not.toContain('Verzugszinsen');
    expect(text).not.toContain('Verzugspauschale');
    expect(text).toContain('238,00 €');
  });

  it('renders the same bytes for the same notice', async () => {
    const a = await renderDunningLetter(input);
    const b = await renderDunningLetter(input);
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).toContain('(2. Mahnung zur Rechnung RE-2026-00042)');
    expect(dunningLetterFileName(notice)).toBe('RE-2026-00042-mahnstufe-3.pdf');
  });
});
