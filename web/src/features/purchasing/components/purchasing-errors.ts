import type { TFunction } from 'i18next';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';

/**
 * A failed purchasing request as a sentence: the purchasing namespace's text for a known code; a
 * refusal with a reason of its own (approval limit, wrong status) keeps the server's sentence, since
 * the generic "not allowed" would hide the limit; everything else as everywhere.
 */
export function purchasingErrorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && err.problem.code) {
    // codes contain dots, so the texts are looked up in the object (not as a key path)
    const texts = t('purchasing:problems', { returnObjects: true }) as unknown as
      | Record<string, string>
      | string;
    const known = typeof texts === 'object' ? texts[err.problem.code] : undefined;
    if (known) return known;
    if ((err.status === 403 || err.status === 409 || err.status === 422) && err.problem.detail) {
      if (!err.problem.code.endsWith('stale_version')) return err.problem.detail;
    }
  }
  return errorMessage(err, t);
}
