import { describe, expect, it } from 'vitest';
import { CreateInvoice } from '../../../../../contracts/billing';
import { invoiceTotals } from '../../../../../contracts/invoice-amounts';
import {
  emptyInvoiceLine,
  emptyInvoiceValues,
  hasReverseChargeLine,
  type InvoiceLineValues,
  issueWarnings,
  linesToInput,
  mapErrorPaths,
  previewLineNet,
  previewTotals,
  reverseChargeLacksVatId,
  valuesToInput,
} from './invoice-values';

const line = (patch: Partial<InvoiceLineValues>): InvoiceLineValues => ({ ...emptyInvoiceLine(), ...patch });

describe('invoice editor values', () => {
  it('previews the same cents as the server computes (VAT per rate on the sum of line nets)', () => {
    const lines = [
      line({ description: 'Beratung', quantity: 3, unitPrice: 411.52, vatRate: '19' }),
      line({ description: 'Fahrt', quantity: 1.5, unitPrice: 0.35, discountPercent: 10, vatRate: '19' }),
      line({ description: 'Buch', quantity: 2, unitPrice: 19.99, vatRate: '7' }),
      line({
        description: 'Montage EU',
        quantity: 1,
        unitPrice: 100,
        vatRate: '0',
        vatCategory: 'AE',
        exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers',
      }),
    ];
    const server = invoiceTotals(
      CreateInvoice.parse({ companyId: '01a219f4-4e9e-7295-ba89-4be352dac27c', lines: linesToInput(lines) })
        .lines,
    );
    const preview = previewTotals(lines);
    expect(preview).toEqual({
      vatBreakdown: server.vatBreakdown,
      netCents: server.netCents,
      vatCents: server.vatCents,
      grossCents: server.grossCents,
    });
    expect(preview.netCents).toBe(123_456 + 47 + 3_998 + 10_000);
    expect(preview.vatBreakdown.map((g) => [g.vatCategory, g.vatRate])).toEqual([
      ['S', 19],
      ['S', 7],
      ['AE', 0],
    ]);
  });

  it('leaves incomplete lines out of the totals and shows no net for them', () => {
    const lines = [line({ unitPrice: '' }), line({ quantity: 2, unitPrice: 10 })];
    expect(previewLineNet(lines[0]!)).toBeNull();
    expect(previewTotals(lines).grossCents).toBe(2_380);
  });

  it('converts euros to cents and sends the 0 % category and reason only for 0 % lines', () => {
    const [standard, zero] = linesToInput([
      line({ description: 'a', quantity: '2', unitPrice: 19.99, vatCategory: 'AE', exemptionReason: 'x' }),
      line({
        description: 'b',
        quantity: 1,
        unitPrice: 5,
        vatRate: '0',
        vatCategory: 'K',
        exemptionReason: ' y ',
      }),
    ]);
    expect(standard).toEqual({
      description: 'a',
      quantity: 2,
      unit: 'C62',
      unitPriceCents: 1_999,
      discountPercent: 0,
      vatRate: 19,
    });
    expect(zero).toMatchObject({ vatRate: 0, vatCategory: 'K', exemptionReason: 'y', unitPriceCents: 500 });
  });

  it('sends the service date or the period, never both, and empty texts as null', () => {
    const v = {
      ...emptyInvoiceValues('c'),
      buyerName: 'X',
      serviceDate: '2026-11-02',
      servicePeriodStart: '2026-10-01',
    };
    expect(valuesToInput(v)).toMatchObject({
      serviceDate: '2026-11-02',
      servicePeriodStart: null,
      buyerEmail: null,
      cashDiscountPercent: null,
    });
    expect('paymentDays' in valuesToInput(v)).toBe(false);
    const period = valuesToInput({ ...v, serviceMode: 'period', servicePeriodEnd: '2026-10-31' });
    expect(period).toMatchObject({
      serviceDate: null,
      servicePeriodStart: '2026-10-01',
      servicePeriodEnd: '2026-10-31',
    });
  });

  it('puts the schema’s buyer errors on the editor’s fields', () => {
    expect(
      mapErrorPaths({ 'buyer.name': 'required', 'buyer.postalCode': 'x', 'lines.0.quantity': 'q' }),
    ).toEqual({
      buyerName: 'required',
      buyerPostalCode: 'x',
      'lines.0.quantity': 'q',
    });
  });
});

describe('consumer flag and reverse charge', () => {
  it('sends the consumer flag (B2C) with the invoice; a new invoice is B2B', () => {
    const v = emptyInvoiceValues('01a219f4-4e9e-7295-ba89-4be352dac27c');
    expect(v.buyerIsConsumer).toBe(false);
    expect(valuesToInput(v).buyerIsConsumer).toBe(false);
    expect(valuesToInput({ ...v, buyerIsConsumer: true }).buyerIsConsumer).toBe(true);
  });

  it('asks for the VAT ID only when a 0 % line is reverse charge (AE) and the field is empty', () => {
    const v = emptyInvoiceValues(null);
    const ae = line({ vatRate: '0', vatCategory: 'AE' });
    const exportLine = line({ vatRate: '0', vatCategory: 'G' });
    expect(hasReverseChargeLine([line({})])).toBe(false);
    // an intra-community supply needs it as well
    expect(hasReverseChargeLine([line({ vatRate: '0', vatCategory: 'K' })])).toBe(true);
    expect(hasReverseChargeLine([exportLine])).toBe(false);
    // a category left over from before the rate went back to 19 % does not count
    expect(hasReverseChargeLine([line({ vatRate: '19', vatCategory: 'AE' })])).toBe(false);
    expect(reverseChargeLacksVatId({ ...v, lines: [line({}), ae] })).toBe(true);
    expect(reverseChargeLacksVatId({ ...v, lines: [ae], buyerVatId: '  ' })).toBe(true);
    expect(reverseChargeLacksVatId({ ...v, lines: [ae], buyerVatId: 'ATU12345678' })).toBe(false);
    expect(reverseChargeLacksVatId({ ...v, lines: [exportLine] })).toBe(false);
  });

  it('warns before issuing without a buyer e-mail, or with reverse charge but no VAT ID', () => {
    const lines = [{ vatCategory: 'S' }, { vatCategory: 'AE' }] as Parameters<
      typeof issueWarnings
    >[0]['lines'];
    expect(issueWarnings({ buyerEmail: null, buyerVatId: null, lines: [] })).toEqual({
      noEmail: true,
      reverseChargeWithoutVatId: false,
    });
    expect(issueWarnings({ buyerEmail: 'a@b.de', buyerVatId: ' ', lines })).toEqual({
      noEmail: false,
      reverseChargeWithoutVatId: true,
    });
    expect(
      issueWarnings({ buyerEmail: 'a@b.de', buyerVatId: 'ATU12345678', lines }).reverseChargeWithoutVatId,
    ).toBe(false);
    // an intra-community supply (K) needs the buyer's VAT ID as well
    const intraCommunity = [{ vatCategory: 'K' }] as Parameters<typeof issueWarnings>[0]['lines'];
    expect(issueWarnings({ buyerEmail: 'a@b.de', buyerVatId: null, lines: intraCommunity })).toEqual({
      noEmail: false,
      reverseChargeWithoutVatId: true,
    });
  });
});
