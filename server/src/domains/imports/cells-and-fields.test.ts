import { describe, expect, it } from 'vitest';
import { countryOf, languageOf, parseBool, parseDate, roleOf, sourceOf, splitList } from './cells';
import { checkMapping, headerKey, suggestMapping, uniqueHeaders } from './fields';

describe('import cells', () => {
  it('reads dates as German and ISO spreadsheets write them', () => {
    expect(parseDate('31.12.2026')).toEqual({ value: '2026-12-31' });
    expect(parseDate('1.2.27')).toEqual({ value: '2027-02-01' });
    expect(parseDate('2026-03-05')).toEqual({ value: '2026-03-05' });
    expect(parseDate('31.12.2026 00:00')).toEqual({ value: '2026-12-31' });
    expect(parseDate('2026-12-31T00:00:00Z')).toEqual({ value: '2026-12-31' });
    expect(parseDate('30.02.2026')).toEqual({ error: '"30.02.2026" is not a date of the calendar' });
    expect(parseDate('morgen')).toMatchObject({ error: expect.stringMatching(/not a date/) });
  });

  it('reads yes and no, lists, roles, countries, languages and sources in German and English', () => {
    for (const yes of ['ja', 'Ja', 'yes', '1', 'x', 'TRUE', 'wahr'])
      expect(parseBool(yes)).toEqual({ value: true });
    for (const no of ['nein', 'no', '0', 'false', 'falsch']) expect(parseBool(no)).toEqual({ value: false });
    expect(parseBool('vielleicht')).toMatchObject({ error: expect.any(String) });
    expect(splitList('a, b |c,, ')).toEqual(['a', 'b', 'c']);
    expect(splitList('a@x.de; b@x.de c@x.de', ';\\s')).toEqual(['a@x.de', 'b@x.de', 'c@x.de']);
    expect(['Kunde', 'interessent', 'Lieferant', 'partner', 'customer', 'Händler'].map(roleOf)).toEqual([
      'customer',
      'prospect',
      'supplier',
      'partner',
      'customer',
      'Händler',
    ]);
    expect(['Deutschland', 'Österreich', 'schweiz', 'de', 'FR', 'Atlantis'].map(countryOf)).toEqual([
      'DE',
      'AT',
      'CH',
      'DE',
      'FR',
      'Atlantis',
    ]);
    expect(['Deutsch', 'English', 'EN'].map(languageOf)).toEqual(['de', 'en', 'en']);
    expect(['Messe', 'Empfehlung', 'Kaltakquise', 'cold call', 'website', 'Sonstiges'].map(sourceOf)).toEqual(
      ['fair', 'referral', 'cold_call', 'cold_call', 'website', 'other'],
    );
  });
});

describe('import fields', () => {
  it('suggests a mapping from German and English headers', () => {
    expect(headerKey('USt-IdNr.')).toBe('ustidnr');
    expect(headerKey('Straße')).toBe('strasse');
    expect(headerKey('Betrag (€)')).toBe('betrag');
    expect(
      suggestMapping('companies', [
        'Firma',
        'PLZ',
        'Ort',
        'USt-IdNr.',
        'E-Mail',
        'Homepage',
        'Notiz',
        'Name',
      ]),
    ).toEqual({
      Firma: 'name',
      PLZ: 'postalCode',
      Ort: 'city',
      'USt-IdNr.': 'vatId',
      'E-Mail': null,
      Homepage: 'website',
      Notiz: 'notes',
      Name: null, // the name is taken by "Firma" already
    });
    expect(suggestMapping('contacts', ['Name', 'Vorname', 'E-Mail', 'E-Mail 2', 'Firma'])).toEqual({
      Name: 'lastName',
      Vorname: 'firstName',
      'E-Mail': 'emails',
      'E-Mail 2': 'emails',
      Firma: 'companyName',
    });
  });

  it('makes headers unique and checks mappings', () => {
    expect(uniqueHeaders(['Name', '', 'name', 'Ort'])).toEqual(['Name', 'Column 2', 'name (2)', 'Ort']);
    const columns = checkMapping('contacts', ['Firma', 'Nachname', 'Mail', 'Mail 2'], {
      Firma: 'companyName',
      Nachname: 'lastName',
      Mail: 'emails',
      'Mail 2': 'emails',
    });
    expect(columns.get('emails')).toEqual([
      { index: 2, header: 'Mail' },
      { index: 3, header: 'Mail 2' },
    ]);
    expect(() => checkMapping('contacts', ['Nachname'], { Nachname: 'lastName' })).toThrow(
      /Map a column to companyName or companyId/,
    );
  });
});
