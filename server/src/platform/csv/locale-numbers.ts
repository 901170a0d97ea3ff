/**
 * Numbers as people write them in spreadsheets: `1.234.567,89` (German), `1,234,567.89` (English),
 * `1 234 567,89`, `1'234'567.89`, with or without `€`/`EUR`. A lone separator followed by exactly three
 * digits (`1.234`, `1,234`) is ambiguous; the file's convention decides (`decimal`).
 */
export type DecimalSeparator = ',' | '.';

export type ParsedNumber = { ok: true; sign: 1 | -1; whole: string; fraction: string } | { ok: false };

export function parseLocaleNumber(raw: string, decimal: DecimalSeparator): ParsedNumber {
  let s = raw
    .replace(/€|eur\b/gi, '')
    .replace(/[\s\u00a0\u202f']/g, '')
    .trim();
  let sign: 1 | -1 = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false };
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let dec: string | null;
  if (lastDot >= 0 && lastComma >= 0) {
    dec = lastDot > lastComma ? '.' : ',';
  } else if (lastDot < 0 && lastComma < 0) {
    dec = null;
  } else {
    const sep = lastDot >= 0 ? '.' : ',';
    const count = s.split(sep).length - 1;
    if (count > 1) dec = null;
    else if (/^\d{1,3}[.,]\d{3}$/.test(s)) dec = decimal === sep ? sep : null;
    else dec = sep;
  }
  const thousands = dec === '.' ? ',' : dec === ',' ? '.' : s.includes('.') ? '.' : ',';
  const [wholeRaw = '', fraction = '', ...rest] = dec ? s.split(dec) : [s];
  if (rest.length) return { ok: false };
  if (wholeRaw.includes(thousands)) {
    const grouped = new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})+$`);
    if (!grouped.test(wholeRaw)) return { ok: false };
  }
  const whole = wholeRaw.split(thousands).join('') || '0';
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return { ok: false };
  if (dec && !fraction) return { ok: false };
  return { ok: true, sign, whole, fraction };
}

/** An amount in EUR → cents, or the reason it is not one. */
export function parseEuroCents(
  raw: string,
  decimal: DecimalSeparator,
): { cents: number } | { error: string } {
  const n = parseLocaleNumber(raw, decimal);
  if (!n.ok) return { error: `"${raw}" is not an amount (write e.g. 1.234.567,89 or 1234567.89)` };
  const fraction = n.fraction.replace(/0+$/, '');
  if (fraction.length > 2) return { error: `"${raw}" has more than two decimal places` };
  const cents = Number(n.whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { error: `"${raw}" is too large` };
  return { cents: n.sign * cents };
}

/** A whole number ("12.500" / "12,500" / "12500"), or the reason it is not one. */
export function parseWholeNumber(
  raw: string,
  decimal: DecimalSeparator,
): { value: number } | { error: string } {
  const n = parseLocaleNumber(raw, decimal);
  if (!n.ok) return { error: `"${raw}" is not a number` };
  if (/[^0]/.test(n.fraction)) return { error: `"${raw}" is not a whole number` };
  const value = Number(n.whole);
  if (!Number.isSafeInteger(value)) return { error: `"${raw}" is too large` };
  return { value: n.sign * value };
}
