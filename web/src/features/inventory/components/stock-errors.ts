import type { TFunction } from 'i18next';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { insufficientStock } from './stock-values';

/**
 * A failed stock request in the user's language: `stock.insufficient` keeps the product and the
 * numbers the server named; the inventory's own problem codes have texts in the `inventory`
 * namespace (`problems.<code with _>`); everything else as the app shows errors everywhere.
 */
export function stockErrorMessage(
  err: unknown,
  t: TFunction,
  formatNumber: (n: number) => string = String,
): string {
  if (err instanceof ApiError) {
    const short = insufficientStock(err.problem);
    if (short) {
      return t('inventory:problems.insufficient', {
        product: short.product ?? '',
        available: formatNumber(short.available),
        needed: formatNumber(short.needed),
      });
    }
    const code = err.problem.code;
    if (code && /^(inventory|deliveries)\./.test(code)) {
      const text = t(`inventory:problems.${code.replace(/\./g, '_')}`, { defaultValue: '' });
      if (text) return text;
    }
  }
  return errorMessage(err, t);
}

/**
 * The server's field errors of a failed stock request, each in the user's language where the
 * problem code has a text (its message then stands on every field it names); `rename` maps a path
 * onto a form field.
 */
export function stockFieldErrors(
  err: unknown,
  t: TFunction,
  rename: (path: string) => string = (p) => p,
): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const translated =
    err.problem.code && /^(inventory|deliveries)\./.test(err.problem.code)
      ? t(`inventory:problems.${err.problem.code.replace(/\./g, '_')}`, { defaultValue: '' })
      : '';
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(err.fieldErrors)) {
    const field = rename(path);
    if (!(field in out)) out[field] = translated || message;
  }
  return out;
}
