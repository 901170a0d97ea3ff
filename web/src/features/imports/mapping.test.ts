import { describe, expect, it } from 'vitest';
import { missingFields } from './mapping';

describe('import mapping', () => {
  it('names the required fields still to map, the company of contacts and deals as one choice', () => {
    expect(missingFields({ entityType: 'companies' }, { Firma: null })).toEqual([['name']]);
    expect(missingFields({ entityType: 'companies' }, { Firma: 'name' })).toEqual([]);
    expect(missingFields({ entityType: 'contacts' }, { Nachname: 'lastName' })).toEqual([
      ['companyName', 'companyId'],
    ]);
    expect(missingFields({ entityType: 'deals' }, { Titel: 'title', ID: 'companyId' })).toEqual([
      ['expectedCloseDate'],
    ]);
  });
});
