import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import deAudit from '../../../locales/de/audit.json';
import deCatalog from '../../../locales/de/catalog.json';
import dePurchasing from '../../../locales/de/purchasing.json';
import enAudit from '../../../locales/en/audit.json';
import enPurchasing from '../../../locales/en/purchasing.json';
import { entityValueLabel, fieldLabel } from './change-value';

const i18n = i18next.createInstance();
void i18n.init({
  resources: {
    de: { audit: deAudit, purchasing: dePurchasing, catalog: deCatalog },
    en: { audit: enAudit, purchasing: enPurchasing },
  },
  lng: 'de',
  ns: ['audit', 'purchasing', 'catalog'],
  interpolation: { escapeValue: false },
  initAsync: false,
});
const de = i18n.getFixedT('de');
const en = i18n.getFixedT('en');

describe('purchase order history', () => {
  it('names the status in words', () => {
    expect(entityValueLabel('purchase_order', 'status', 'approved', de)).toBe('Freigegeben');
    expect(entityValueLabel('purchase_order', 'status', 'partially_received', en)).toBe('Partially received');
  });

  it('leaves other fields, other entity types and unknown values to the generic description', () => {
    expect(entityValueLabel('purchase_order', 'note', 'approved', de)).toBeNull();
    expect(entityValueLabel('invoice', 'status', 'draft', de)).toBeNull();
    expect(entityValueLabel('purchase_order', 'status', 'lost', de)).toBeNull();
    expect(entityValueLabel('purchase_order', 'status', 3, de)).toBeNull();
  });

  it('labels the order fields in German and English', () => {
    expect(fieldLabel('sentTo', de)).toBe('Gesendet an');
    expect(fieldLabel('expectedDate', de)).toBe('Liefertermin');
    expect(fieldLabel('supplierId', de)).toBe('Lieferant');
    expect(fieldLabel('expectedDate', en)).toBe('Expected delivery');
  });
});

describe('product history', () => {
  it('names the kind and the unit in words', () => {
    expect(entityValueLabel('product', 'kind', 'stock', de)).toBe('Lagerartikel');
    expect(entityValueLabel('product', 'unit', 'C62', de)).toBe('Stück');
    expect(fieldLabel('reorderPoint', de)).toBe('Meldebestand');
  });
});
