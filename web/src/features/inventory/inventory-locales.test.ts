import { describe, expect, it } from 'vitest';
import { ADJUSTMENT_REASONS, STOCK_MOVE_KINDS, STOCK_SOURCE_TYPES } from '../../../../contracts/inventory';
import de from '../../locales/de/inventory.json';
import en from '../../locales/en/inventory.json';

/** Every key path of a translation file (plural forms count as their base key). */
function keys(data: unknown, prefix = ''): string[] {
  if (typeof data !== 'object' || data === null) return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(data).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('inventory texts', () => {
  it('German and English have the same keys', () => {
    expect([...new Set(keys(de))].sort()).toEqual([...new Set(keys(en))].sort());
  });

  it('name every move kind, source and adjustment reason the API can send (keys built at runtime)', () => {
    for (const lang of [de, en]) {
      for (const k of STOCK_MOVE_KINDS) expect(lang.kinds).toHaveProperty(k);
      for (const s of STOCK_SOURCE_TYPES) expect(lang.sources).toHaveProperty(s);
      for (const r of ADJUSTMENT_REASONS) expect(lang.reasons).toHaveProperty(r);
      for (const s of ['open', 'delivered', 'released']) expect(lang.deal.status).toHaveProperty(s);
    }
  });
});
