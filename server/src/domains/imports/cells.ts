import { COMPANY_ROLES, COUNTRY_CODES } from '../../../../contracts/companies';
import { DealSource } from '../../../../contracts/sales';

/*
 * Cells as people fill them in spreadsheets, turned into the values the API's schemas take:
 * lists "a, b" or "a | b", yes/no in German and English, dates DD.MM.YYYY or YYYY-MM-DD, German
 * role, country, language and source names. Numbers: platform/csv/locale-numbers.
 */

export type Parsed<T> = { value: T } | { error: string };

/** "a, b | c" → ["a", "b", "c"] (empty parts dropped). `extra` adds separators (";" for e-mails). */
export function splitList(cell: string, extra = ''): string[] {
  const separators = new RegExp(`[,|${extra}]`);
  return cell
    .split(separators)
    .map((p) => p.trim())
    .filter(Boolean);
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', '1', 'true', 'wahr', 'x', 'ok']);
const FALSE = new Set(['nein', 'n', 'no', '0', 'false', 'falsch', '-']);

export function parseBool(cell: string): Parsed<boolean> {
  const v = cell.trim().toLowerCase();
  if (TRUE.has(v)) return { value: true };
  if (FALSE.has(v)) return { value: false };
  return { error: `"${cell}" is not yes or no (write ja/nein, yes/no or 1/0)` };
}

/** "31.12.2026", "1.2.26", "2026-12-31" (a time after it is ignored) → "2026-12-31". */
export function parseDate(cell: string): Parsed<string> {
  const v = cell.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(v) ?? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    if (!match) return { error: `"${cell}" is not a date (write 31.12.2026 or 2026-12-31)` };
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[3]!.length === 2) y += 2000;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: `"${cell}" is not a date of the calendar` };
  }
  return { value: date.toISOString().slice(0, 10) };
}

const ROLE_NAMES: Record<string, string> = {
  kunde: 'customer',
  kunden: 'customer',
  bestandskunde: 'customer',
  interessent: 'prospect',
  interessenten: 'prospect',
  lead: 'prospect',
  lieferant: 'supplier',
  lieferanten: 'supplier',
  vendor: 'supplier',
  partner: 'partner',
  partnerin: 'partner',
};

/** German or English role names → the API's roles; unknown names stay as written (the schema refuses them). */
export function roleOf(name: string): string {
  const v = name.trim().toLowerCase();
  if ((COMPANY_ROLES as readonly string[]).includes(v)) return v;
  return ROLE_NAMES[v] ?? name.trim();
}

const COUNTRY_NAMES: Record<string, string> = {
  deutschland: 'DE',
  germany: 'DE',
  brd: 'DE',
  oesterreich: 'AT',
  österreich: 'AT',
  austria: 'AT',
  schweiz: 'CH',
  switzerland: 'CH',
  frankreich: 'FR',
  france: 'FR',
  niederlande: 'NL',
  netherlands: 'NL',
  holland: 'NL',
  belgien: 'BE',
  belgium: 'BE',
  luxemburg: 'LU',
  luxembourg: 'LU',
  italien: 'IT',
  italy: 'IT',
  spanien: 'ES',
  spain: 'ES',
  polen: 'PL',
  poland: 'PL',
  tschechien: 'CZ',
  czechia: 'CZ',
  'czech republic': 'CZ',
  daenemark: 'DK',
  dänemark: 'DK',
  denmark: 'DK',
  schweden: 'SE',
  sweden: 'SE',
  'vereinigtes königreich': 'GB',
  grossbritannien: 'GB',
  großbritannien: 'GB',
  'united kingdom': 'GB',
  uk: 'GB',
  usa: 'US',
  'vereinigte staaten': 'US',
  'united states': 'US',
  liechtenstein: 'LI',
};

/** "Deutschland" / "Germany" / "de" → "DE"; unknown names stay (the schema explains the codes). */
export function countryOf(name: string): string {
  const v = name.trim();
  if (v.length === 2 && COUNTRY_CODES.includes(v.toUpperCase())) return v.toUpperCase();
  return COUNTRY_NAMES[v.toLowerCase()] ?? v;
}

const LANGUAGES: Record<string, string> = {
  de: 'de',
  deutsch: 'de',
  german: 'de',
  ger: 'de',
  en: 'en',
  englisch: 'en',
  english: 'en',
  eng: 'en',
};

export function languageOf(name: string): string {
  return LANGUAGES[name.trim().toLowerCase()] ?? name.trim();
}

const SOURCES: Record<string, string> = {
  webseite: 'website',
  web: 'website',
  internet: 'website',
  homepage: 'website',
  empfehlung: 'referral',
  referral: 'referral',
  messe: 'fair',
  'trade fair': 'fair',
  kaltakquise: 'cold_call',
  'cold call': 'cold_call',
  kampagne: 'campaign',
  mailing: 'campaign',
  sonstiges: 'other',
  sonstige: 'other',
  andere: 'other',
};

export function sourceOf(name: string): string {
  const v = name.trim().toLowerCase();
  if ((DealSource.options as readonly string[]).includes(v)) return v;
  return SOURCES[v] ?? v.replace(/[\s-]+/g, '_');
}
