import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sampleInvoice, sampleSeller } from './documents.test-fixtures';
import {
  amount,
  EN16931_CUSTOMIZATION,
  missingForEInvoice,
  renderXRechnung,
  renderZugferd,
  toEInvoiceData,
  XRECHNUNG_CUSTOMIZATION,
} from './e-invoice';
import { renderInvoicePdf } from './invoice-pdf';

/**
 * Business rules checked here (the KoSIT validator with the official EN 16931 / XRechnung
 * schematron is Java and not available offline): CustomizationID (XRechnung 3.0), BT-1/2/3/5/9,
 * BR-DE-15 BT-10, BT-31/BT-32/BT-48 identifiers, BR-DE-2/5/6/7 seller contact, BT-34/BT-49
 * electronic addresses, BR-DE-1/23 payment means 58 with IBAN, BR-CO-10 Σ line nets = BT-106,
 * BR-CO-14 Σ category VAT = BT-110, BR-CO-15 BT-112 = BT-109 + BT-110, BR-S/AE-08/09 category
 * taxable and VAT amounts, BR-AE-10 exemption reason, BT-131 = quantity × price − allowance,
 * BR-DE-18 Skonto format, BG-3 preceding invoice for credit notes, type codes 380/381.
 */
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) =>
    [
      'InvoiceLine',
      'CreditNoteLine',
      'TaxSubtotal',
      'PartyTaxScheme',
      'Note',
      'IncludedSupplyChainTradeLineItem',
      'ApplicableTradeTax',
      'SpecifiedTaxRegistration',
    ].includes(name),
});

const cents = (v: unknown) =>
  Math.round(Number(typeof v === 'object' && v ? (v as { '#text': string })['#text'] : v) * 100);
const text = (v: unknown) => (typeof v === 'object' && v ? (v as { '#text': string })['#text'] : String(v));

describe('XRechnung UBL', () => {
  it('maps number, dates, parties, payment means and totals that add up', async () => {
    const invoice = sampleInvoice();
    const xml = await renderXRechnung(invoice, sampleSeller(), 'ubl');
    const doc = parser.parse(xml).Invoice;
    expect(doc.CustomizationID).toBe(XRECHNUNG_CUSTOMIZATION);
    expect(doc.ProfileID).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
    expect(doc.ID).toBe('RE-2026-00042');
    expect(doc.IssueDate).toBe('2026-11-26');
    expect(doc.DueDate).toBe('2026-12-10');
    expect(doc.InvoiceTypeCode).toBe('380');
    expect(doc.DocumentCurrencyCode).toBe('EUR');
    expect(doc.BuyerReference).toBe('04011000-12345-67');

    const seller = doc.AccountingSupplierParty.Party;
    expect(seller.EndpointID).toEqual({ '#text': 'rechnung@muster-software.de', '@schemeID': 'EM' });
    expect(
      seller.PartyTaxScheme.map((t: { CompanyID: string; TaxScheme: { ID: string } }) => [
        t.CompanyID,
        t.TaxScheme.ID,
      ]),
    ).toEqual([
      ['DE123456789', 'VAT'],
      ['30/123/45678', 'FC'],
    ]);
    expect(seller.Contact).toEqual({
      Name: 'Muster Software GmbH',
      Telephone: '+49 30 1234567',
      ElectronicMail: 'rechnung@muster-software.de',
    });
    const buyer = doc.AccountingCustomerParty.Party;
    expect(buyer.EndpointID).toEqual({ '#text': 'einkauf@alpen-handel.at', '@schemeID': 'EM' });
    expect(buyer.PartyTaxScheme[0].CompanyID).toBe('ATU12345678');
    expect(buyer.PartyLegalEntity.RegistrationName).toBe('Alpen Handel GmbH');

    expect(doc.PaymentMeans.PaymentMeansCode).toBe('58');
    expect(doc.PaymentMeans.PaymentID).toBe('RE-2026-00042');
    expect(doc.PaymentMeans.PayeeFinancialAccount.ID).toBe('DE02120300000000202051');
    expect(doc.PaymentTerms.Note[0]).toContain('Zahlbar ohne Abzug bis 10.12.2026.');
    // BR-DE-18: the Skonto line ends with a line break.
    expect(xml).toContain('\n#SKONTO#TAGE=7#PROZENT=2.00#\n</cbc:Note>');

    // Lines: BT-131 = quantity × price − allowance; Σ BT-131 = BT-106.
    const lines = doc.InvoiceLine;
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const allowance = line.AllowanceCharge ? cents(line.AllowanceCharge.Amount) : 0;
      expect(cents(line.LineExtensionAmount)).toBe(
        Math.round(Number(text(line.InvoicedQuantity)) * cents(line.Price.PriceAmount)) - allowance,
      );
    }
    expect(lines[1].AllowanceCharge.AllowanceChargeReasonCode).toBe('95');
    expect(lines[0].InvoicedQuantity).toEqual({ '#text': '7.5', '@unitCode': 'HUR' });
    const totals = doc.LegalMonetaryTotal;
    const lineSum = lines.reduce(
      (s: number, l: { LineExtensionAmount: unknown }) => s + cents(l.LineExtensionAmount),
      0,
    );
    expect(cents(totals.LineExtensionAmount)).toBe(lineSum);
    expect(cents(totals.LineExtensionAmount)).toBe(invoice.netCents);

    // VAT per category and rate; Σ = BT-110; BT-112 = BT-109 + BT-110.
    const subtotals = doc.TaxTotal.TaxSubtotal.map(
      (s: { TaxableAmount: unknown; TaxAmount: unknown; TaxCategory: Record<string, string> }) => [
        s.TaxCategory.ID,
        s.TaxCategory.Percent,
        cents(s.TaxableAmount),
        cents(s.TaxAmount),
        s.TaxCategory.TaxExemptionReasonCode ?? null,
        s.TaxCategory.TaxExemptionReason ?? null,
      ],
    );
    expect(subtotals).toEqual([
      ['S', '19', 224_973, 42_745, null, null],
      ['S', '7', 7_990, 559, null, null],
      ['AE', '0', 80_000, 0, 'VATEX-EU-AE', 'Steuerschuldnerschaft des Leistungsempfängers'],
    ]);
    expect(cents(doc.TaxTotal.TaxAmount)).toBe(42_745 + 559);
    expect(cents(totals.TaxExclusiveAmount)).toBe(invoice.netCents);
    expect(cents(totals.TaxInclusiveAmount)).toBe(invoice.netCents + 42_745 + 559);
    expect(cents(totals.PayableAmount)).toBe(invoice.grossCents);
  });

  it('falls back to the invoice number for BT-10 (BR-DE-15) when there is no buyer reference', async () => {
    const xml = await renderXRechnung(sampleInvoice({ buyerReference: null }), sampleSeller(), 'ubl');
    expect(parser.parse(xml).Invoice.BuyerReference).toBe('RE-2026-00042');
    // Factur-X (EN 16931) does not require it and leaves it out.
    const data = toEInvoiceData(
      sampleInvoice({ buyerReference: null }),
      sampleSeller(),
      EN16931_CUSTOMIZATION,
    );
    expect(data['ubl:Invoice']['cbc:BuyerReference']).toBeUndefined();
  });

  it('writes a credit note (381) that references the corrected invoice', async () => {
    const xml = await renderXRechnung(
      sampleInvoice({ kind: 'credit_note', number: 'GS-2026-00001', correctsInvoiceId: 'x', dueDate: null }),
      sampleSeller(),
      'ubl',
      { corrects: { number: 'RE-2026-00042', issueDate: '2026-11-20' } },
    );
    const doc = parser.parse(xml).CreditNote;
    expect(doc.CreditNoteTypeCode).toBe('381');
    expect(doc.ID).toBe('GS-2026-00001');
    expect(doc.BillingReference.InvoiceDocumentReference).toEqual({
      ID: 'RE-2026-00042',
      IssueDate: '2026-11-20',
    });
    expect(doc.CreditNoteLine).toHaveLength(4);
    expect(cents(doc.LegalMonetaryTotal.PayableAmount)).toBe(356_267);
    expect(doc.PaymentMeans.PaymentMeansCode).toBe('1');
  });

  it('names what XRechnung needs and the data lack', async () => {
    const seller = sampleSeller({ email: null, phone: null });
    expect(missingForEInvoice(sampleInvoice({ buyerEmail: null }), seller, true)).toEqual([
      'seller e-mail (BT-34, BR-DE-7)',
      'seller phone (BR-DE-6)',
      'buyer e-mail (BT-49)',
    ]);
    await expect(renderXRechnung(sampleInvoice(), seller, 'ubl')).rejects.toThrow(
      /seller e-mail.*seller phone/,
    );
    expect(missingForEInvoice(sampleInvoice({ buyerEmail: null }), seller, false)).toEqual([]);
  });

  it('formats amounts with two decimals', () => {
    expect([amount(0), amount(5), amount(123_456), amount(-250)]).toEqual([
      '0.00',
      '0.05',
      '1234.56',
      '-2.50',
    ]);
  });
});

describe('XRechnung CII', () => {
  it('maps the same figures into CII', async () => {
    const invoice = sampleInvoice();
    const xml = await renderXRechnung(invoice, sampleSeller(), 'cii');
    const doc = parser.parse(xml).CrossIndustryInvoice;
    expect(doc.ExchangedDocumentContext.GuidelineSpecifiedDocumentContextParameter.ID).toBe(
      XRECHNUNG_CUSTOMIZATION,
    );
    expect(doc.ExchangedDocument.ID).toBe('RE-2026-00042');
    expect(doc.ExchangedDocument.TypeCode).toBe('380');
    const tx = doc.SupplyChainTradeTransaction;
    expect(tx.IncludedSupplyChainTradeLineItem).toHaveLength(4);
    const agreement = tx.ApplicableHeaderTradeAgreement;
    expect(agreement.BuyerReference).toBe('04011000-12345-67');
    expect(
      agreement.SellerTradeParty.SpecifiedTaxRegistration.map((r: { ID: unknown }) => text(r.ID)),
    ).toEqual(['DE123456789', '30/123/45678']);
    expect(text(agreement.BuyerTradeParty.SpecifiedTaxRegistration[0].ID)).toBe('ATU12345678');
    const settlement = tx.ApplicableHeaderTradeSettlement;
    expect(settlement.SpecifiedTradeSettlementPaymentMeans.PayeePartyCreditorFinancialAccount.IBANID).toBe(
      'DE02120300000000202051',
    );
    const taxes = settlement.ApplicableTradeTax.map((t: Record<string, unknown>) => [
      t.CategoryCode,
      cents(t.BasisAmount),
      cents(t.CalculatedAmount),
    ]);
    expect(taxes).toEqual([
      ['S', 224_973, 42_745],
      ['S', 7_990, 559],
      ['AE', 80_000, 0],
    ]);
    const sum = settlement.SpecifiedTradeSettlementHeaderMonetarySummation;
    expect(cents(sum.LineTotalAmount)).toBe(invoice.netCents);
    expect(cents(sum.TaxBasisTotalAmount)).toBe(invoice.netCents);
    expect(cents(sum.TaxTotalAmount)).toBe(invoice.vatCents);
    expect(cents(sum.GrandTotalAmount)).toBe(invoice.grossCents);
    expect(cents(sum.DuePayableAmount)).toBe(invoice.grossCents);
  });
});

describe('ZUGFeRD / Factur-X', () => {
  it('embeds factur-x.xml (EN 16931 profile) into the invoice PDF', async () => {
    const invoice = sampleInvoice();
    const pdf = await renderInvoicePdf(invoice, sampleSeller(), {
      createdAt: new Date('2026-11-26T09:00:00Z'),
    });
    const out = await renderZugferd(invoice, sampleSeller(), pdf);
    const bytes = out.toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toContain('factur-x.xml');
    expect(bytes).toContain('pdfaid:part');
    expect(bytes).toMatch(/fx:ConformanceLevel>EN 16931</);
  });
});
