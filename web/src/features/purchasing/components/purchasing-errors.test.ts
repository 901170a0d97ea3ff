import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api';
import { purchasingErrorMessage } from './purchasing-errors';

const texts: Record<string, unknown> = {
  'purchasing:problems': { 'purchase_orders.draft_exists': 'Entwurf existiert' },
  'common:problems': {},
  'common:errors.forbidden': 'Nicht erlaubt',
  'common:errors.conflict': 'Zwischenzeitlich geändert',
};
const t = ((key: string) => texts[key] ?? key) as unknown as TFunction;

const problem = (status: number, code: string, detail: string) =>
  new ApiError({ type: 'about:blank', title: 'x', status, code, detail });

describe('purchasingErrorMessage', () => {
  it('keeps the reason of a refused approval instead of a generic "not allowed"', () => {
    const err = problem(403, 'purchase_orders.over_approval_limit', 'Your approval limit is 5.000,00 €');
    expect(purchasingErrorMessage(err, t)).toBe('Your approval limit is 5.000,00 €');
  });
  it('translates known codes', () => {
    expect(purchasingErrorMessage(problem(409, 'purchase_orders.draft_exists', 'english'), t)).toBe(
      'Entwurf existiert',
    );
  });
  it('leaves a stale version and a plain 403 to the common texts', () => {
    expect(purchasingErrorMessage(problem(409, 'purchase_orders.stale_version', 'stale'), t)).toBe(
      'Zwischenzeitlich geändert',
    );
    expect(
      purchasingErrorMessage(new ApiError({ type: 'about:blank', title: 'Forbidden', status: 403 }), t),
    ).toBe('Nicht erlaubt');
  });
});
