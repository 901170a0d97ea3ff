import type { FieldType } from '../../../../../contracts/automation';
import { type Scope, valueAt } from './conditions';

/** `{{company.name}}`, `{{ deal.amountCents }}`. */
const VARIABLE = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+)\s*\}\}/g;

/** The variables a text uses (validation: each must exist for the rule's trigger). */
export function templateVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1] as string);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** de `12.000,00 €`, en `€12,000.00` (plain spaces: mail clients and tests see the same text). */
export function formatMoney(cents: number, locale: 'de' | 'en', currency = 'EUR'): string {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency });
    moneyFormats.set(key, f);
  }
  return f.format(cents / 100).replace(/\u00a0|\u202f/g, ' ');
}

/** de `dd.mm.yyyy`, en `yyyy-mm-dd` (business dates are stored as the latter). */
export function formatDate(value: string, locale: 'de' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return locale === 'de' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** One value as text in a locale, by its field type. */
export function formatValue(
  value: unknown,
  type: FieldType | undefined,
  locale: 'de' | 'en',
  currency?: string,
): string {
  if (value === null || value === undefined) return '';
  if (type === 'money' && typeof value === 'number') return formatMoney(value, locale, currency);
  if (type === 'date' && typeof value === 'string') return formatDate(value, locale);
  if (type === 'boolean' || typeof value === 'boolean') {
    return value ? (locale === 'de' ? 'ja' : 'yes') : locale === 'de' ? 'nein' : 'no';
  }
  if (typeof value === 'number') return value.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB');
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return '';
  return String(value);
}

/**
 * Renders `{{path}}` variables with the scope; unknown or empty paths render empty. `types` gives
 * the field type per path (money and dates are formatted for the locale).
 */
export function renderTemplate(
  template: string,
  scope: Scope,
  locale: 'de' | 'en',
  types: Map<string, { type: FieldType }>,
): string {
  return template.replace(VARIABLE, (_m, path: string) => {
    const head = path.slice(0, path.indexOf('.'));
    const currency = scope[head]?.currency;
    return formatValue(
      valueAt(scope, path),
      types.get(path)?.type,
      locale,
      typeof currency === 'string' ? currency : undefined,
    );
  });
}
