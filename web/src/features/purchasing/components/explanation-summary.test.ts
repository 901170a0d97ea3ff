import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import dePurchasing from '../../../locales/de/purchasing.json';
import enPurchasing from '../../../locales/en/purchasing.json';
import { explanationSummary } from './explanation-summary';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { de: { purchasing: dePurchasing }, en: { purchasing: enPurchasing } },
  lng: 'de',
  ns: ['purchasing'],
  interpolation: { escapeValue: false },
  initAsync: false,
});
const de = i18n.getFixedT('de');
const en = i18n.getFixedT('en');
const deNum = (v: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 }).format(v);
const enNum = (v: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }).format(v);

const base = {
  onHand: 12,
  reserved: 5,
  onOrder: 0,
  pipelineDemand: 0,
  projected: 7,
  reorderPoint: 10,
  maxLevel: 30 as number | null,
  reorderQty: null as number | null,
  needed: 23,
  minOrderQty: 0,
  packSize: 0,
  quantity: 23,
};

describe('explanationSummary', () => {
  it('says in German why a line fills up to the maximum level', () => {
    expect(explanationSummary(base, de, deNum)).toBe(
      'Disponibel 7 (Bestand 12 − reserviert 5 + bestellt 0) < Meldebestand 10: auffüllen bis 30 → 23',
    );
  });

  it('says the same in English', () => {
    expect(explanationSummary(base, en, enNum)).toBe(
      'Projected 7 (on hand 12 − reserved 5 + on order 0) < reorder point 10: up to max. level 30 → 23',
    );
  });

  it('counts how often the fixed reorder quantity was needed', () => {
    const e = { ...base, maxLevel: null, reorderQty: 4, needed: 4 };
    expect(explanationSummary({ ...e, quantity: 4 }, de, deNum)).toBe(
      'Disponibel 7 (Bestand 12 − reserviert 5 + bestellt 0) < Meldebestand 10: feste Bestellmenge 4 × 1 → 4',
    );
    const twice = { ...e, onHand: 7, projected: 2, needed: 8, quantity: 8 };
    expect(explanationSummary(twice, en, enNum)).toContain('reorder quantity 4 × 2 → 8');
  });

  it('fills back to the reorder point without maximum level or reorder quantity', () => {
    const e = { ...base, maxLevel: null, needed: 3, quantity: 3 };
    expect(explanationSummary(e, de, deNum)).toMatch(/: auffüllen bis zum Meldebestand → 3$/);
  });

  it('names the pipeline demand when it counted', () => {
    const e = { ...base, pipelineDemand: 2.5, projected: 4.5, needed: 25.5, quantity: 25.5 };
    expect(explanationSummary(e, de, deNum)).toBe(
      'Disponibel 4,5 (Bestand 12 − reserviert 5 + bestellt 0 − erwarteter Bedarf 2,5) < Meldebestand 10: auffüllen bis 30 → 25,5',
    );
  });

  it('adds the minimum order quantity and the pack rounding only when they changed the quantity', () => {
    const moq = { ...base, minOrderQty: 40, packSize: 5, quantity: 40 };
    expect(explanationSummary(moq, de, deNum)).toBe(
      'Disponibel 7 (Bestand 12 − reserviert 5 + bestellt 0) < Meldebestand 10: auffüllen bis 30 → 23, Mindestbestellmenge → 40',
    );
    const packs = { ...base, minOrderQty: 20, packSize: 5, quantity: 25 };
    expect(explanationSummary(packs, en, enNum)).toBe(
      'Projected 7 (on hand 12 − reserved 5 + on order 0) < reorder point 10: up to max. level 30 → 23, whole packs of 5 → 25',
    );
    const both = { ...base, minOrderQty: 24, packSize: 5, quantity: 25 };
    expect(explanationSummary(both, de, deNum)).toMatch(
      /→ 23, Mindestbestellmenge → 24, ganze Verpackungseinheiten zu 5 → 25$/,
    );
  });

  it('a maximum below the reorder point still fills to the point', () => {
    const e = { ...base, maxLevel: 8, needed: 3, quantity: 3 };
    expect(explanationSummary(e, en, enNum)).toMatch(/up to max\. level 10 → 3$/);
  });

  it('says there is nothing to order when the projection is not below the point', () => {
    const e = { ...base, reserved: 0, projected: 12, needed: 0, quantity: 0 };
    expect(explanationSummary(e, de, deNum)).toBe(
      'Disponibel 12 (Bestand 12 − reserviert 0 + bestellt 0) ≥ Meldebestand 10: nichts zu bestellen',
    );
  });
});
