import { describe, expect, it } from 'vitest';
import { parseQuery, searchKeys, searchTerms } from './normalize';
import { matchExpression } from './search-query';

describe('search normalisation', () => {
  it('indexes each word accent-free and with umlauts spelled out, ß as ss', () => {
    expect(searchTerms('Müller-Lüdenscheidt GmbH')).toBe('muller mueller ludenscheidt luedenscheidt gmbh');
    expect(searchTerms('Straße', 'STRASSE')).toBe('strasse');
    expect(searchTerms('Café Øresund', null, undefined, 'Łódź')).toBe('cafe oresund lodz');
    expect(searchTerms('Mu\u0308ller')).toBe('muller mueller'); // decomposed ü
    expect(searchTerms('ﬁrma ＡＢＣ')).toBe('firma abc'); // ligature, full width
    expect(searchTerms('+49 (711) 123-45', 'a.b@c.de')).toBe('49 711 123 45 a b c de');
    expect(searchTerms('Иван Петров')).toBe('иван петров');
    expect(searchTerms('"*:-()^')).toBe('');
    // a compatibility character that stands for several words
    expect(searchTerms('ﷺ').split(' ')).toHaveLength(4);
    expect(searchTerms('㎒ ½')).toBe('mhz 1 2');
  });

  it('keys a title in both spellings for the exact-match ranking', () => {
    expect(searchKeys('Müller  GmbH & Co. KG')).toEqual(['muller gmbh co kg', 'mueller gmbh co kg']);
    expect(searchKeys('Bau')).toEqual(['bau', 'bau']);
  });

  it('parses a query into words with their spellings; only letters and digits survive', () => {
    expect(parseQuery('Müller bau')).toEqual({
      words: [['muller', 'mueller'], ['bau']],
      keys: ['muller bau', 'mueller bau'],
    });
    expect(parseQuery('mueller MUELLER')).toEqual({
      words: [['mueller']],
      keys: ['mueller mueller', 'mueller mueller'],
    });
    expect(parseQuery('"müller* OR -bau:')?.words).toEqual([['muller', 'mueller'], ['or'], ['bau']]);
    expect(parseQuery('" * - : ( )')).toBeNull();
    expect(parseQuery('')).toBeNull();
    expect(parseQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))?.words).toHaveLength(8);
  });

  it('writes the words as prefix queries of each engine, spellings ORed, words ANDed', () => {
    const q = parseQuery('Müller bau')!;
    expect(matchExpression('sqlite', q.words)).toBe('("muller"* OR "mueller"*) AND ("bau"*)');
    expect(matchExpression('postgres', q.words)).toBe('(muller:* | mueller:*) & (bau:*)');
  });
});
