import { describe, expect, it } from 'vitest';
import { epcAmount, giroCodePayload } from './girocode';

describe('GiroCode (EPC069-12 v002)', () => {
  it('carries BIC, name, IBAN, the amount and the invoice number as remittance', () => {
    expect(
      giroCodePayload({
        name: 'Muster Software GmbH',
        iban: 'DE02 1203 0000 0000 2020 51',
        bic: 'byladem1001',
        amountCents: 356_267,
        remittance: 'RE-2026-00042',
      }),
    ).toBe(
      'BCD\n002\n1\nSCT\nBYLADEM1001\nMuster Software GmbH\nDE02120300000000202051\nEUR3562.67\n\n\nRE-2026-00042',
    );
  });

  it('leaves out an unknown BIC and an amount outside the EPC range, and cuts long fields', () => {
    const payload = giroCodePayload({
      name: 'N'.repeat(80),
      iban: 'de02120300000000202051',
      bic: null,
      amountCents: 0,
      remittance: 'RE-1\nzweite Zeile',
    });
    expect(payload.split('\n')).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      '',
      'N'.repeat(70),
      'DE02120300000000202051',
      '',
      '',
      '',
      'RE-1 zweite Zeile',
    ]);
  });

  it('formats amounts with a dot and two decimals', () => {
    expect([epcAmount(1), epcAmount(100), epcAmount(123_456_789)]).toEqual([
      'EUR0.01',
      'EUR1.00',
      'EUR1234567.89',
    ]);
  });
});
