import { type Invoice as EInvoice, InvoiceService } from '@e-invoice-eu/core';
import type { BillingSettings, Invoice, VatCategory } from '../../../../contracts/billing';
import { lineNetCents, toMilli } from '../../../../contracts/deal-amounts';
import { AppError } from '../../platform/http/errors';
import { addDays } from './business-dates';
import { exemptionText } from './invoice-pdf';

/**
 * Electronic invoices with @e-invoice-eu/core: the invoice is mapped onto the library's
 * UBL-shaped JSON, and the library writes XRechnung 3.0 (UBL or CII syntax) or a Factur-X /
 * ZUGFeRD PDF (EN 16931 profile) with the CII XML embedded as factur-x.xml. No XML is written
 * by hand here.
 *
 * The library checks only the JSON structure, so the EN 16931 / XRechnung business rules are kept
 * by this mapping (see the tests) — in short:
 * - BT-10 buyer reference (BR-DE-15, required in XRechnung): the invoice's buyer reference
 *   (Leitweg-ID) when it has one, otherwise the invoice number, so the buyer has a reference to
 *   quote. Factur-X leaves BT-10 out when there is none.
 * - BG-6 seller contact (BR-DE-2/5/6/7) and BT-34 seller e-mail: XRechnung needs the seller's
 *   e-mail and phone from the billing settings; BT-49 buyer electronic address needs the
 *   invoice's buyer e-mail. Missing data is a 409 naming the fields.
 * - Line discounts are line allowances (BG-27, reason code 95) of gross − net, so
 *   BT-131 = quantity × price − allowance holds to the cent; BT-146 is the undiscounted price.
 * - VAT per category and rate as stored (BG-23); E, AE, K, G and O carry an exemption reason
 *   (BT-120) and for AE/K/G/O the VATEX code (BT-121); O has no rate (BR-O-5).
 * - Payment means (BG-16, BR-DE-1): 58 SEPA credit transfer to the seller's IBAN with the invoice
 *   number as remittance (BT-83); a credit note has no payment to the seller: code 1 (not defined).
 * - Cash discount in BT-20 as XRechnung's `#SKONTO#TAGE=n#PROZENT=p.pp#` line (BR-DE-18).
 * - Credit notes are type 381 with the corrected invoice as preceding invoice (BG-3 BT-25/26).
 */

export type EInvoiceSyntax = 'ubl' | 'cii';

export const XRECHNUNG_CUSTOMIZATION =
  'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';
export const EN16931_CUSTOMIZATION = 'urn:cen.eu:en16931:2017';
export const PEPPOL_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

export interface EInvoiceOptions {
  /** The invoice a credit note corrects (BG-3). */
  corrects?: { number: string | null; issueDate: string | null } | null;
}

const VATEX: Partial<Record<VatCategory, string>> = {
  AE: 'VATEX-EU-AE',
  K: 'VATEX-EU-IC',
  G: 'VATEX-EU-G',
  O: 'VATEX-EU-O',
};

/** Cents → "1234.56" (the XML amount format). */
export function amount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Thousandths → "7.5" (no trailing zeros). */
function quantity(q: number): string {
  return String(Math.round(q * 1000) / 1000);
}

/** Percent with two decimals, e.g. "2.00" (XRechnung's Skonto format). */
function percent2(p: number): string {
  return (Math.round(p * 100) / 100).toFixed(2);
}

function compactIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

/** Fields the document needs that the invoice or the seller settings lack; empty when complete. */
export function missingForEInvoice(invoice: Invoice, seller: BillingSettings, xrechnung: boolean): string[] {
  const missing: string[] = [];
  if (!seller.sellerName.trim()) missing.push('seller name');
  if (!seller.street.trim() || !seller.postalCode.trim() || !seller.city.trim())
    missing.push('seller address');
  if (!seller.vatId && !seller.taxNumber) missing.push('seller VAT ID or tax number');
  if (invoice.kind === 'invoice' && !seller.iban.trim()) missing.push('seller IBAN');
  if (xrechnung) {
    if (!seller.email) missing.push('seller e-mail (BT-34, BR-DE-7)');
    if (!seller.phone) missing.push('seller phone (BR-DE-6)');
    if (!invoice.buyerEmail) missing.push('buyer e-mail (BT-49)');
    if (!invoice.buyer.city || !invoice.buyer.postalCode)
      missing.push('buyer city and postal code (BR-DE-8/9)');
  }
  return missing;
}

function paymentTerms(invoice: Invoice): string {
  if (invoice.kind === 'credit_note') {
    return 'Der Betrag wird mit der ursprünglichen Rechnung verrechnet bzw. erstattet.';
  }
  let text = invoice.dueDate
    ? `Zahlbar ohne Abzug bis ${invoice.dueDate.split('-').reverse().join('.')}.`
    : `Zahlbar innerhalb von ${invoice.paymentDays} Tagen ohne Abzug.`;
  if (invoice.cashDiscountPercent && invoice.cashDiscountDays) {
    const until = invoice.issueDate ? addDays(invoice.issueDate, invoice.cashDiscountDays) : null;
    text += ` ${invoice.cashDiscountPercent} % Skonto bei Zahlung innerhalb von ${invoice.cashDiscountDays} Tagen${
      until ? ` (bis ${until.split('-').reverse().join('.')})` : ''
    }.`;
    // XRechnung's machine-readable cash discount: its own line, ending with a line break.
    text += `\n#SKONTO#TAGE=${invoice.cashDiscountDays}#PROZENT=${percent2(invoice.cashDiscountPercent)}#\n`;
  }
  return text;
}

/** The library's invoice JSON (UBL-shaped) for an issued invoice or credit note. */
export function toEInvoiceData(
  invoice: Invoice,
  seller: BillingSettings,
  customizationId: string,
  options: EInvoiceOptions = {},
): EInvoice {
  if (!invoice.number || !invoice.issueDate) {
    throw new Error(
      `invoice ${invoice.id} has no number or issue date: only issued invoices have e-invoices`,
    );
  }
  const xrechnung = customizationId === XRECHNUNG_CUSTOMIZATION;
  const currency = 'EUR' as const;
  const taxScheme = { 'cbc:ID': 'VAT' };
  const hasO = invoice.lines.some((l) => l.vatCategory === 'O');

  const sellerTax: { 'cbc:CompanyID': string; 'cac:TaxScheme': { 'cbc:ID': string } }[] = [];
  // BR-O-2: an invoice with "not subject to VAT" lines carries no VAT identifiers.
  if (seller.vatId && !hasO) sellerTax.push({ 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': taxScheme });
  if (seller.taxNumber)
    sellerTax.push({ 'cbc:CompanyID': seller.taxNumber, 'cac:TaxScheme': { 'cbc:ID': 'FC' } });

  const buyerReference = invoice.buyerReference ?? (xrechnung ? invoice.number : null);
  const notes = [invoice.introText, invoice.notes].filter((n): n is string => !!n && n.trim() !== '');

  const lines = invoice.lines.map((l) => {
    const grossCents = lineNetCents(toMilli(l.quantity), l.unitPriceCents, 0);
    const allowance = grossCents - l.netCents;
    return {
      'cbc:ID': String(l.position),
      'cbc:InvoicedQuantity': quantity(l.quantity),
      'cbc:InvoicedQuantity@unitCode': l.unit,
      'cbc:LineExtensionAmount': amount(l.netCents),
      'cbc:LineExtensionAmount@currencyID': currency,
      ...(allowance !== 0
        ? {
            'cac:AllowanceCharge': [
              {
                'cbc:ChargeIndicator': 'false',
                'cbc:AllowanceChargeReasonCode': '95',
                'cbc:AllowanceChargeReason': `Rabatt ${l.discountPercent} %`,
                'cbc:Amount': amount(allowance),
                'cbc:Amount@currencyID': currency,
              },
            ],
          }
        : {}),
      'cac:Item': {
        ...(l.description.length > 100 ? { 'cbc:Description': l.description } : {}),
        'cbc:Name': l.description.length > 100 ? `${l.description.slice(0, 97)}...` : l.description,
        'cac:ClassifiedTaxCategory': {
          'cbc:ID': l.vatCategory,
          ...(l.vatCategory === 'O' ? {} : { 'cbc:Percent': String(l.vatRate) }),
          'cac:TaxScheme': taxScheme,
        },
      },
      'cac:Price': {
        'cbc:PriceAmount': amount(l.unitPriceCents),
        'cbc:PriceAmount@currencyID': currency,
      },
    };
  });

  const subtotals = invoice.vatBreakdown.map((b) => {
    const reason = exemptionText(b.vatCategory, b.exemptionReason);
    const exempt = !['S', 'Z'].includes(b.vatCategory);
    return {
      'cbc:TaxableAmount': amount(b.netCents),
      'cbc:TaxableAmount@currencyID': currency,
      'cbc:TaxAmount': amount(b.vatCents),
      'cbc:TaxAmount@currencyID': currency,
      'cac:TaxCategory': {
        'cbc:ID': b.vatCategory,
        ...(b.vatCategory === 'O' ? {} : { 'cbc:Percent': String(b.vatRate) }),
        ...(exempt && VATEX[b.vatCategory] ? { 'cbc:TaxExemptionReasonCode': VATEX[b.vatCategory] } : {}),
        ...(exempt && reason ? { 'cbc:TaxExemptionReason': reason } : {}),
        'cac:TaxScheme': taxScheme,
      },
    };
  });

  const deliveryDate =
    invoice.serviceDate ??
    (invoice.servicePeriodStart && invoice.servicePeriodEnd ? null : invoice.issueDate);

  const data = {
    'ubl:Invoice': {
      'cbc:CustomizationID': customizationId,
      'cbc:ProfileID': PEPPOL_PROFILE,
      'cbc:ID': invoice.number,
      'cbc:IssueDate': invoice.issueDate,
      ...(invoice.dueDate && invoice.kind === 'invoice' ? { 'cbc:DueDate': invoice.dueDate } : {}),
      'cbc:InvoiceTypeCode': invoice.kind === 'credit_note' ? '381' : '380',
      ...(notes.length ? { 'cbc:Note': notes } : {}),
      'cbc:DocumentCurrencyCode': currency,
      ...(buyerReference ? { 'cbc:BuyerReference': buyerReference } : {}),
      ...(invoice.servicePeriodStart && invoice.servicePeriodEnd
        ? {
            'cac:InvoicePeriod': {
              'cbc:StartDate': invoice.servicePeriodStart,
              'cbc:EndDate': invoice.servicePeriodEnd,
            },
          }
        : {}),
      ...(options.corrects?.number
        ? {
            'cac:BillingReference': [
              {
                'cac:InvoiceDocumentReference': {
                  'cbc:ID': options.corrects.number,
                  ...(options.corrects.issueDate ? { 'cbc:IssueDate': options.corrects.issueDate } : {}),
                },
              },
            ],
          }
        : {}),
      'cac:AccountingSupplierParty': {
        'cac:Party': {
          ...(seller.email ? { 'cbc:EndpointID': seller.email, 'cbc:EndpointID@schemeID': 'EM' } : {}),
          'cac:PostalAddress': {
            'cbc:StreetName': seller.street,
            'cbc:CityName': seller.city,
            'cbc:PostalZone': seller.postalCode,
            'cac:Country': { 'cbc:IdentificationCode': seller.country },
          },
          ...(sellerTax.length ? { 'cac:PartyTaxScheme': sellerTax } : {}),
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': seller.sellerName },
          ...(seller.email || seller.phone
            ? {
                'cac:Contact': {
                  'cbc:Name': seller.sellerName,
                  ...(seller.phone ? { 'cbc:Telephone': seller.phone } : {}),
                  ...(seller.email ? { 'cbc:ElectronicMail': seller.email } : {}),
                },
              }
            : {}),
        },
      },
      'cac:AccountingCustomerParty': {
        'cac:Party': {
          ...(invoice.buyerEmail
            ? { 'cbc:EndpointID': invoice.buyerEmail, 'cbc:EndpointID@schemeID': 'EM' }
            : {}),
          'cac:PostalAddress': {
            ...(invoice.buyer.street ? { 'cbc:StreetName': invoice.buyer.street } : {}),
            ...(invoice.buyer.city ? { 'cbc:CityName': invoice.buyer.city } : {}),
            ...(invoice.buyer.postalCode ? { 'cbc:PostalZone': invoice.buyer.postalCode } : {}),
            'cac:Country': { 'cbc:IdentificationCode': invoice.buyer.country },
          },
          ...(invoice.buyerVatId && !hasO
            ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': invoice.buyerVatId, 'cac:TaxScheme': taxScheme } }
            : {}),
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': invoice.buyer.name },
        },
      },
      ...(deliveryDate ? { 'cac:Delivery': { 'cbc:ActualDeliveryDate': deliveryDate } } : {}),
      'cac:PaymentMeans': [
        invoice.kind === 'invoice'
          ? {
              'cbc:PaymentMeansCode': '58',
              'cbc:PaymentID': invoice.number,
              'cac:PayeeFinancialAccount': {
                'cbc:ID': compactIban(seller.iban),
                'cbc:Name': seller.sellerName,
                ...(seller.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': seller.bic } } : {}),
              },
            }
          : { 'cbc:PaymentMeansCode': '1' },
      ],
      'cac:PaymentTerms': { 'cbc:Note': paymentTerms(invoice) },
      'cac:TaxTotal': [
        {
          'cbc:TaxAmount': amount(invoice.vatCents),
          'cbc:TaxAmount@currencyID': currency,
          'cac:TaxSubtotal': subtotals,
        },
      ],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': amount(invoice.netCents),
        'cbc:LineExtensionAmount@currencyID': currency,
        'cbc:TaxExclusiveAmount': amount(invoice.netCents),
        'cbc:TaxExclusiveAmount@currencyID': currency,
        'cbc:TaxInclusiveAmount': amount(invoice.grossCents),
        'cbc:TaxInclusiveAmount@currencyID': currency,
        'cbc:PayableAmount': amount(invoice.grossCents),
        'cbc:PayableAmount@currencyID': currency,
      },
      'cac:InvoiceLine': lines,
    },
  };
  return data as unknown as EInvoice;
}

const silentLogger = { log() {}, warn() {}, error() {} };

function assertComplete(invoice: Invoice, seller: BillingSettings, xrechnung: boolean, what: string) {
  const missing = missingForEInvoice(invoice, seller, xrechnung);
  if (missing.length) {
    throw new AppError(
      'conflict',
      'billing.e_invoice_incomplete',
      `${what} needs data this invoice or the billing settings lack: ${missing.join(', ')}`,
      missing.map((m) => ({ path: m, message: `${m} is missing` })),
    );
  }
}

/** XRechnung 3.0 XML in UBL (Invoice / CreditNote) or CII syntax. */
export async function renderXRechnung(
  invoice: Invoice,
  seller: BillingSettings,
  syntax: EInvoiceSyntax,
  options: EInvoiceOptions = {},
): Promise<string> {
  assertComplete(invoice, seller, true, 'An XRechnung');
  const data = toEInvoiceData(invoice, seller, XRECHNUNG_CUSTOMIZATION, options);
  const out = await new InvoiceService(silentLogger).generate(data, {
    format: syntax === 'ubl' ? 'XRECHNUNG-UBL' : 'XRECHNUNG-CII',
    lang: 'de-de',
    noWarnings: true,
  });
  return typeof out === 'string' ? out : Buffer.from(out).toString('utf8');
}

/** Factur-X / ZUGFeRD (EN 16931 profile): the invoice PDF made PDF/A-3 with factur-x.xml inside. */
export async function renderZugferd(
  invoice: Invoice,
  seller: BillingSettings,
  pdf: Uint8Array,
  options: EInvoiceOptions = {},
): Promise<Buffer> {
  assertComplete(invoice, seller, false, 'A ZUGFeRD invoice');
  const data = toEInvoiceData(invoice, seller, EN16931_CUSTOMIZATION, options);
  const out = await new InvoiceService(silentLogger).generate(data, {
    format: 'Factur-X-EN16931',
    lang: 'de-de',
    noWarnings: true,
    pdf: { buffer: pdf, filename: `${invoice.number}.pdf`, mimetype: 'application/pdf' },
  });
  return Buffer.from(out);
}
