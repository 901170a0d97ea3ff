import { describe, expect, it } from 'vitest';
import { normalizeVatId, normalizeWebsite, vatIdError } from '../../../../contracts/companies';
import { detectDelimiter } from '../../platform/csv/delimiter';
import { parseEuroCents, parseWholeNumber } from '../../platform/csv/locale-numbers';
import {
  companyNameKey,
  emailDomain,
  levenshtein,
  nameSimilarity,
  SIMILAR_NAME_THRESHOLD,
  trigramSimilarity,
} from './name-similarity';

describe('company name keys', () => {
  it.each([
    ['Müller GmbH', 'mueller'],
    ['Mueller GmbH', 'mueller'],
    ['MÜLLER gmbh & Co. KG', 'mueller'],
    ['Müller & Co. GmbH', 'mueller'],
    ['Bäckerei Groß e.K.', 'baeckerei gross'],
    ['Schmidt UG (haftungsbeschränkt)', 'schmidt'],
    ['Siemens AG', 'siemens'],
    ['ACME Ltd.', 'acme'],
    ['ACME, Inc.', 'acme'],
    ['Société Générale SE', 'societe generale'],
    ['Hansen-Maschinenbau GmbH', 'hansen maschinenbau'],
    ['  Weber   Antriebe  KG ', 'weber antriebe'],
    // a legal form alone is a name, not nothing
    ['AG', 'ag'],
    // only trailing legal forms go: "Co" inside the name stays
    ['Co Working Hub GmbH', 'co working hub'],
  ])('%s → %s', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });
});

describe('name similarity', () => {
  const similar = (a: string, b: string) => nameSimilarity(companyNameKey(a), companyNameKey(b));

  it('treats spelling variants, legal forms and typos as similar', () => {
    expect(similar('Müller GmbH', 'Mueller GmbH')).toBe(1);
    expect(similar('Müller GmbH', 'Müller AG')).toBe(1);
    expect(similar('Hansen Maschinenbau', 'Hansen-Maschinenbau GmbH')).toBe(1);
    expect(similar('Hansen Maschinenbau', 'HansenMaschinenbau')).toBe(1);
    expect(similar('Müller Maschinenbau', 'Muller Maschinenbau')).toBeGreaterThanOrEqual(
      SIMILAR_NAME_THRESHOLD,
    );
    expect(similar('Schneider Präzisionstechnik', 'Schnieder Präzisionstechnik')).toBeGreaterThanOrEqual(
      SIMILAR_NAME_THRESHOLD,
    );
    expect(similar('Bau Müller', 'Müller Bau')).toBeGreaterThanOrEqual(SIMILAR_NAME_THRESHOLD);
  });

  it('keeps different companies apart', () => {
    expect(similar('Müller Maschinenbau', 'Meier Maschinenbau')).toBeLessThan(SIMILAR_NAME_THRESHOLD);
    expect(similar('ABC GmbH', 'ABD GmbH')).toBeLessThan(SIMILAR_NAME_THRESHOLD);
    expect(similar('Nordlicht Feinkost', 'Südwind Antriebe')).toBeLessThan(0.3);
    expect(similar('Siemens', 'Siemens Healthineers')).toBeLessThan(SIMILAR_NAME_THRESHOLD);
    expect(nameSimilarity('', 'x')).toBe(0);
  });

  it('computes Levenshtein distance and trigram overlap', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', 'abc')).toBe(0);
    expect(levenshtein('mueller', 'muller')).toBe(1);
    expect(trigramSimilarity('abc', 'abc')).toBe(1);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
  });

  it('reads the domain of e-mail addresses', () => {
    expect(emailDomain('Max.Mustermann@Mueller-GmbH.de')).toBe('mueller-gmbh.de');
    expect(emailDomain('nobody')).toBe('');
  });
});

describe('VAT IDs and websites', () => {
  it.each([
    ['DE123456789', null],
    ['ATU12345678', null],
    ['FR12345678901', null],
    ['NL123456789B01', null],
    ['CHE123456789MWST', null],
    ['EL123456789', null],
    ['DE12345678', 'German VAT IDs are DE followed by 9 digits (e.g. DE123456789)'],
    ['AT123456789', 'Austrian VAT IDs are ATU followed by 8 digits (e.g. ATU12345678)'],
    ['NL123456789', 'Dutch VAT IDs are NL followed by 9 digits, B and 2 digits (e.g. NL123456789B01)'],
  ])('%s', (vat, error) => {
    expect(vatIdError(normalizeVatId(vat))).toBe(error);
  });

  it('normalises what people type', () => {
    expect(normalizeVatId(' de 123.456-789 ')).toBe('DE123456789');
    expect(normalizeWebsite('WWW.Example.DE/')).toEqual({
      url: 'https://www.example.de',
      domain: 'example.de',
    });
    expect(normalizeWebsite('http://shop.example.com/de/?a=1')).toEqual({
      url: 'http://shop.example.com/de?a=1',
      domain: 'shop.example.com',
    });
    expect(normalizeWebsite('localhost')).toBeNull();
    expect(normalizeWebsite('ftp://example.de')).toBeNull();
    expect(normalizeWebsite('192.168.0.1')).toBeNull();
  });
});

describe('numbers in CSV files', () => {
  it.each([
    ['1.234.567,89', ',', 123456789],
    ['1234567,89', ',', 123456789],
    ['1.234.567', ',', 123456700],
    ['1.234', ',', 123400],
    ['1,5', ',', 150],
    ['12,50 €', ',', 1250],
    ['1 234 567,89 EUR', ',', 123456789],
    ['1,234,567.89', '.', 123456789],
    ['1,234', '.', 123400],
    ['1234.5', '.', 123450],
    ['1.23', '.', 123],
    ["1'234'567.89", '.', 123456789],
    ['0', ',', 0],
  ] as const)('%s (decimal %s) → %i cents', (raw, decimal, cents) => {
    expect(parseEuroCents(raw, decimal)).toEqual({ cents });
  });

  it('rejects what is not an amount', () => {
    expect(parseEuroCents('1.2.3', ',')).toHaveProperty('error');
    expect(parseEuroCents('abc', ',')).toHaveProperty('error');
    expect(parseEuroCents('12,345,6', '.')).toHaveProperty('error');
    expect(parseEuroCents('1,999', ',')).toEqual({ error: '"1,999" has more than two decimal places' });
    // in a comma-separated (English) file "1.234" is one euro and 234 thousandths
    expect(parseEuroCents('1.234', '.')).toEqual({ error: '"1.234" has more than two decimal places' });
    expect(parseEuroCents('', ',')).toHaveProperty('error');
  });

  it('reads whole numbers', () => {
    expect(parseWholeNumber('12.500', ',')).toEqual({ value: 12500 });
    expect(parseWholeNumber('12,500', '.')).toEqual({ value: 12500 });
    expect(parseWholeNumber('2.850', ',')).toEqual({ value: 2850 });
    expect(parseWholeNumber('12,5', ',')).toEqual({ error: '"12,5" is not a whole number' });
  });

  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('Name;Region;Potenzial\nA;B;1,5')).toBe(';');
    expect(detectDelimiter('Name,Region\n"A;B",C')).toBe(',');
    expect(detectDelimiter('"Name;x",Region,Potential\n')).toBe(',');
    expect(detectDelimiter('Name\nA')).toBe(',');
  });
});
