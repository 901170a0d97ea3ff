import type { TFunction } from 'i18next';
import { ApiError, isConflict } from './api';

/**
 * The problem's message in the user's language when we know its `code` (the server's own `detail`
 * and field messages are English), else null.
 */
export function problemText(err: unknown, t: TFunction): string | null {
  if (!(err instanceof ApiError) || !err.problem.code) return null;
  const known = t('common:problems', { returnObjects: true }) as unknown as Record<string, string> | string;
  return typeof known === 'object' ? (known[err.problem.code] ?? null) : null;
}

/** A sentence for a failed request, in the user's language where the status or code says enough. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    const known = problemText(err, t);
    if (known) return known;
    if (isConflict(err)) return t('common:errors.conflict');
    switch (err.status) {
      case 0:
        return t('common:errors.network');
      case 403:
        return t('common:errors.forbidden');
      case 404:
        return t('common:errors.notFound');
      case 429:
        return t('common:errors.rateLimited');
      default:
        if (err.status >= 500) return t('common:errors.server');
        return err.problem.detail ?? err.problem.title;
    }
  }
  return t('common:errors.unexpected');
}
