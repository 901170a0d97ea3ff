import { ValidationErrorsBIC, ValidationErrorsIBAN, validateBIC, validateIBAN } from 'ibantools';
import type { FieldError } from '../../platform/http/errors';

const IBAN_MESSAGES: Record<ValidationErrorsIBAN, string> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'Enter an IBAN',
  [ValidationErrorsIBAN.NoIBANCountry]:
    'An IBAN starts with a country code such as DE; this one is not known',
  [ValidationErrorsIBAN.WrongBBANLength]:
    'This IBAN has the wrong length for its country (a German IBAN has 22 characters)',
  [ValidationErrorsIBAN.WrongBBANFormat]:
    'This IBAN has characters where its country expects digits (or the other way round)',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'The third and fourth characters of an IBAN are its check digits',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'The check digits of this IBAN do not match: check it for typos',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]:
    'The account number in this IBAN does not pass its bank’s check',
  [ValidationErrorsIBAN.QRIBANNotAllowed]: 'QR-IBANs cannot be used here',
};

/** Field errors for an IBAN and BIC (already upper case without spaces); empty when both are fine. */
export function bankDetailsErrors(
  iban: string | null | undefined,
  bic: string | null | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  if (iban) {
    const result = validateIBAN(iban);
    if (!result.valid) {
      const code = result.errorCodes[0] ?? ValidationErrorsIBAN.WrongIBANChecksum;
      errors.push({ path: 'iban', message: IBAN_MESSAGES[code] });
    }
  }
  if (bic) {
    const result = validateBIC(bic);
    if (!result.valid) {
      errors.push({
        path: 'bic',
        message:
          bic.length !== 8 && bic.length !== 11
            ? 'A BIC has 8 or 11 characters (e.g. COBADEFFXXX)'
            : result.errorCodes.includes(ValidationErrorsBIC.NoBICCountry)
              ? `Characters 5 and 6 of a BIC are its country code; "${bic.slice(4, 6)}" is not one`
              : 'This is not a valid BIC: 4 letters for the bank, 2 for the country, then 2 (or 5) letters or digits',
      });
    }
  }
  return errors;
}
