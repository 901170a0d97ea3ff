import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../../../lib/api';
import { type FormErrors, issuesToErrors } from '../../../lib/form';

type Issue = z.core.$ZodIssue;

/** The example in a contract message ("German VAT IDs are … (e.g. DE123456789)"). */
const exampleOf = (message: string) => /\(e\.g\. ([^)]+)\)/.exec(message)?.[1] ?? null;

/**
 * The contract's own messages for format checks (VAT ID, web address, country, roles) are English;
 * these say the same in the user's language. Null: keep the generic translation.
 */
export function localizedIssue(issue: Issue, t: TFunction): string | null {
  const field = issue.path[issue.path.length - 1];
  const top = issue.path[0];
  if (issue.code === 'custom') {
    switch (field) {
      case 'vatId': {
        const example = exampleOf(issue.message);
        return example ? t('companies:errors.vatIdExample', { example }) : t('companies:errors.vatId');
      }
      case 'website':
        return t('companies:errors.website');
      case 'country':
        return t('companies:errors.country');
      case 'address':
        return top === 'emails' && issue.message.includes('twice') ? t('companies:errors.emailTwice') : null;
      default:
        return null;
    }
  }
  if (field === 'roles' && issue.code === 'too_small') return t('companies:errors.roles');
  if (top === 'phones' && field === 'number' && issue.code === 'invalid_format')
    return t('companies:errors.phone');
  return null;
}

/** Parses with a contract schema; the errors are keyed by dotted path, in the user's language. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  t: TFunction,
): { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors = issuesToErrors(result.error.issues, t, input);
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    if (seen.has(key)) continue;
    seen.add(key);
    const text = localizedIssue(issue, t);
    if (text) errors[key] = text;
  }
  return { ok: false, errors };
}

/** IBAN/BIC refused by the server's check (ibantools): a message per field in the user's language. */
export function bankDetailsErrors(err: unknown, t: TFunction): FormErrors | null {
  if (!(err instanceof ApiError) || err.problem.code !== 'companies.invalid_bank_details') return null;
  const errors: FormErrors = {};
  for (const path of Object.keys(err.fieldErrors)) {
    errors[path] = path === 'bic' ? t('companies:errors.bic') : t('companies:errors.iban');
  }
  return Object.keys(errors).length ? errors : { iban: t('companies:errors.iban') };
}
