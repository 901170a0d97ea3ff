import type { Contact } from '../../../../../contracts/companies';
import type { FormErrors } from '../../../lib/form';

export interface EmailRow {
  address: string;
  label: string;
}
export interface PhoneRow {
  number: string;
  label: string;
}

/** The contact form's fields, and how they map to and from the API. */
export interface ContactValues extends Record<string, unknown> {
  firstName: string;
  lastName: string;
  position: string;
  companyId: string | null;
  emails: EmailRow[];
  phones: PhoneRow[];
  preferredLanguage: string | null;
  emailConsent: boolean;
  optOut: boolean;
  ownerId: string | null;
  notes: string;
}

/** A new contact: one empty e-mail and phone row to type into, owned by whoever creates it. */
export const emptyContactValues = (companyId: string | null, ownerId: string): ContactValues => ({
  firstName: '',
  lastName: '',
  position: '',
  companyId,
  emails: [{ address: '', label: '' }],
  phones: [{ number: '', label: '' }],
  preferredLanguage: 'de',
  emailConsent: false,
  optOut: false,
  ownerId,
  notes: '',
});

export const fromContact = (c: Contact): ContactValues => ({
  firstName: c.firstName ?? '',
  lastName: c.lastName,
  position: c.position ?? '',
  companyId: c.companyId,
  emails: c.emails.length ? c.emails.map((e) => ({ address: e.address, label: e.label ?? '' })) : [],
  phones: c.phones.length ? c.phones.map((p) => ({ number: p.number, label: p.label ?? '' })) : [],
  preferredLanguage: c.preferredLanguage,
  emailConsent: c.emailConsent,
  optOut: c.optOut,
  ownerId: c.ownerId,
  notes: c.notes ?? '',
});

/** Request shape: empty rows are left out (a blank second e-mail line is no error). */
export function toContactInput(v: ContactValues) {
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    position: v.position,
    companyId: v.companyId ?? '',
    emails: v.emails
      .filter((e) => e.address.trim() || e.label.trim())
      .map((e) => ({ address: e.address.trim(), label: e.label })),
    phones: v.phones
      .filter((p) => p.number.trim() || p.label.trim())
      .map((p) => ({ number: p.number, label: p.label })),
    preferredLanguage: v.preferredLanguage ?? 'de',
    emailConsent: v.emailConsent,
    optOut: v.optOut,
    ownerId: v.ownerId ?? undefined,
    notes: v.notes,
  };
}

/**
 * Error paths of the request (rows without blanks) → the form's rows (with blanks): the server
 * and the schema say `emails.1.address` for the second non-empty row.
 */
export function remapRowErrors(errors: FormErrors, v: ContactValues): FormErrors {
  const out: FormErrors = {};
  const indexMap = (rows: { filled: boolean }[]) => rows.flatMap((r, i) => (r.filled ? [i] : []));
  const emailIdx = indexMap(v.emails.map((e) => ({ filled: Boolean(e.address.trim() || e.label.trim()) })));
  const phoneIdx = indexMap(v.phones.map((p) => ({ filled: Boolean(p.number.trim() || p.label.trim()) })));
  for (const [path, message] of Object.entries(errors)) {
    const m = /^(emails|phones)\.(\d+)(\..+)?$/.exec(path);
    if (!m) {
      out[path] = message;
      continue;
    }
    const map = m[1] === 'emails' ? emailIdx : phoneIdx;
    out[`${m[1]}.${map[Number(m[2])] ?? m[2]}${m[3] ?? (m[1] === 'emails' ? '.address' : '.number')}`] =
      message;
  }
  return out;
}

/**
 * The errors without those of the e-mail (or phone) rows: after a change to one row, another row's
 * message may be stale (an address entered twice) or stand at the wrong row (a row was removed).
 */
export const withoutRowErrors = (errors: FormErrors, prefix: 'emails' | 'phones'): FormErrors =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith(`${prefix}.`)));
