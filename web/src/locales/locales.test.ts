import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = new URL('.', import.meta.url).pathname;

/** Every leaf as [path, value]; path segments are joined with '/' as keys may contain dots (problem codes). */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}/${k}` : k));
  }
  return [[prefix, value]];
}
const keys = (value: unknown) => leaves(value).map(([k]) => k);

/** Plural forms differ per language; compare the base key. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function load(lang: string, file: string): unknown {
  return JSON.parse(readFileSync(join(dir, lang, file), 'utf8'));
}

describe('translations', () => {
  const files = readdirSync(join(dir, 'de')).filter((f) => f.endsWith('.json'));

  it('has the same namespaces in German and English', () => {
    expect(
      readdirSync(join(dir, 'en'))
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(files.sort());
  });

  for (const file of files) {
    it(`${file}: every German key exists in English and vice versa`, () => {
      const de = new Set(keys(load('de', file)).map(base));
      const en = new Set(keys(load('en', file)).map(base));
      expect([...de].filter((k) => !en.has(k))).toEqual([]);
      expect([...en].filter((k) => !de.has(k))).toEqual([]);
    });

    it(`${file}: no empty strings`, () => {
      for (const lang of ['de', 'en']) {
        const empty = leaves(load(lang, file))
          .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
          .map(([k]) => k);
        expect(empty, `${lang}/${file}`).toEqual([]);
      }
    });
  }
});
