import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';

/**
 * A failed webhook request in the user's language. `webhooks.in_use` (delete or deactivate while
 * enabled rules call the webhook) names those rules: the server lists them in `errors[]`.
 */
export function webhookErrorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && err.problem.code === 'webhooks.in_use') {
    const rules = (err.problem.errors ?? [])
      .map((e) => t('webhooks:errors.ruleName', { name: e.message }))
      .join(', ');
    return t('webhooks:errors.inUse', { rules, count: err.problem.errors?.length ?? 0 });
  }
  return errorMessage(err, t);
}
