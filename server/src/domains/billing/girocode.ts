/**
 * The EPC QR code ("GiroCode", EPC069-12 version 002): a SEPA credit transfer a banking app
 * pre-fills when the customer scans it from the invoice. The remittance text is the invoice number,
 * so the payment comes back with the number in its reference and matches the invoice.
 */
export interface GiroCodeInput {
  /** The beneficiary (the seller), at most 70 characters. */
  name: string;
  iban: string;
  /** Optional in version 002 within the EEA. */
  bic?: string | null;
  /** The amount to pay, in cents; omitted from the code when null or out of the EPC range. */
  amountCents: number | null;
  /** Unstructured remittance information (the invoice number), at most 140 characters. */
  remittance: string;
}

/** The largest amount an EPC QR code may carry (999 999 999,99 €). */
const MAX_CENTS = 99_999_999_999;

function compact(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** One line of the payload: no line breaks inside, cut to the field's length. */
function field(value: string, max: number): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, max);
}

/** "EUR1234.56" — the EPC amount format (dot, two decimals, no thousands separator). */
export function epcAmount(cents: number): string {
  return `EUR${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * The payload as the EPC guideline lists it, one element per line (LF), trailing empty elements
 * left off: service tag BCD, version 002, character set 1 (UTF-8), identification SCT, BIC, name,
 * IBAN, amount, purpose (empty), structured reference (empty), unstructured remittance.
 */
export function giroCodePayload(input: GiroCodeInput): string {
  const amount =
    input.amountCents !== null && input.amountCents >= 1 && input.amountCents <= MAX_CENTS
      ? epcAmount(input.amountCents)
      : '';
  const lines = [
    'BCD',
    '002',
    '1',
    'SCT',
    input.bic ? compact(input.bic) : '',
    field(input.name, 70),
    compact(input.iban),
    amount,
    '',
    '',
    field(input.remittance, 140),
  ];
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
