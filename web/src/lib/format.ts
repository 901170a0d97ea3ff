/**
 * Formatting of money, numbers, dates and instants for the user's language.
 * Use these everywhere instead of `toLocaleString` so the app looks the same on every screen.
 *
 * Intl separates amount and currency (and some date parts) with a no-break or narrow no-break
 * space. We deliberately replace those with a plain space so the output is predictable in tests,
 * copy & paste and CSV; cells that must not wrap use `white-space: nowrap`.
 */
export type AppLocale = 'de' | 'en';

const INTL_LOCALE: Record<AppLocale, string> = { de: 'de-DE', en: 'en-GB' };

export function intlLocale(locale: string): string {
  return INTL_LOCALE[locale as AppLocale] ?? INTL_LOCALE.de;
}

const SPACES = /[\u00a0\u202f]/g;
const normalise = (s: string) => s.replace(SPACES, ' ');

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), options);
    cache.set(key, f);
  }
  return f;
}
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), options);
    cache.set(key, f);
  }
  return f;
}

/** Number of minor units per major unit for a currency (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Money from integer minor units: `formatMoney(123456, 'EUR', 'de')` → `1.234,56 €`. */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const major = minorUnits / 10 ** digits;
  return normalise(numberFormat(locale, { style: 'currency', currency }).format(major));
}

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return normalise(numberFormat(locale, options).format(value));
}

const BUSINESS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A business date (`YYYY-MM-DD`, company time zone) or an instant, as a calendar date:
 * `26.11.2026` (de), `26/11/2026` (en). Business dates are never shifted by time zones.
 */
export function formatDate(value: string | Date, locale: string, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
  if (typeof value === 'string') {
    const m = BUSINESS_DATE.exec(value);
    if (m) {
      const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return normalise(dateFormat(locale, { ...options, timeZone: 'UTC' }).format(date));
    }
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return normalise(dateFormat(locale, timeZone ? { ...options, timeZone } : options).format(date));
}

/** An instant (UTC ISO 8601) as local date and time: `26.11.2026, 14:30` (de), `26/11/2026, 14:30` (en). */
export function formatDateTime(value: string | Date, locale: string, timeZone?: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  return normalise(dateFormat(locale, timeZone ? { ...options, timeZone } : options).format(date));
}

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** A calendar month (`YYYY-MM`) as `Dez. 2026` (de), `Dec 2026` (en); other input is returned as is. */
export function formatMonth(value: string, locale: string): string {
  const m = YEAR_MONTH.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return normalise(dateFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date));
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.34524],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** `vor 5 Minuten` / `5 minutes ago`, relative to `now`. */
export function formatRelative(value: string | Date, locale: string, now: Date = new Date()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  let delta = (date.getTime() - now.getTime()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(delta) < size) return normalise(rtf.format(Math.round(delta), unit));
    delta /= size;
  }
  return formatDate(date, locale);
}

/** Today's date as `YYYY-MM-DD` in the given time zone (company default Europe/Berlin). */
export function todayBusinessDate(timeZone = 'Europe/Berlin', now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
