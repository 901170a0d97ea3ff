import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api';
import { stockErrorMessage, stockFieldErrors } from './stock-errors';

const texts: Record<string, string> = {
  'inventory:problems.insufficient': 'Nicht genug {{product}}: {{available}} verfügbar, {{needed}} benötigt',
  'inventory:problems.inventory_warehouse_code_taken': 'Kürzel vergeben',
};
const t = ((key: string, options?: Record<string, unknown>) => {
  const text = texts[key] ?? (options && 'defaultValue' in options ? String(options.defaultValue) : key);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name] ?? ''));
}) as unknown as TFunction;

const problem = (code: string, detail: string, errors?: { path: string; message: string }[]) =>
  new ApiError({ type: 'about:blank', title: 'Conflict', status: 409, code, detail, errors });

describe('stock errors', () => {
  it('keep the product and the numbers of stock.insufficient, formatted for the user', () => {
    const err = problem(
      'stock.insufficient',
      'Not enough stock of ET-1 (Lager): 2.5 available, 5 needed (back orders are not allowed)',
      [{ path: 'p1', message: '2.5 available, 5 needed' }],
    );
    expect(stockErrorMessage(err, t, (n) => String(n).replace('.', ','))).toBe(
      'Nicht genug ET-1 (Lager): 2,5 verfügbar, 5 benötigt',
    );
  });

  it('translate inventory codes onto the fields they name, and keep the server text otherwise', () => {
    const taken = problem('inventory.warehouse_code_taken', 'A warehouse with code HL exists already', [
      { path: 'code', message: 'This code is taken' },
    ]);
    expect(stockFieldErrors(taken, t)).toEqual({ code: 'Kürzel vergeben' });
    expect(stockErrorMessage(taken, t)).toBe('Kürzel vergeben');
    const over = problem('deliveries.over_delivery', 'Line 1: 6 of A is more than the 5 still open', [
      { path: 'lines.0.quantity', message: 'At most 5 is open' },
    ]);
    expect(stockFieldErrors(over, t, (p) => (p === 'lines.0.quantity' ? 'P1' : p))).toEqual({
      P1: 'At most 5 is open',
    });
  });
});
