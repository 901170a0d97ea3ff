import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every literal translation key used in the code (`t('users:create.title')`, or `t('create.title')`
 * under `useTranslation('users')`) exists in both German and English. Keys built at runtime
 * (template literals) are checked by listing their variants in the JSON, not here.
 */
const src = new URL('..', import.meta.url).pathname;
const localesDir = new URL('.', import.meta.url).pathname;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function has(lang: string, ns: string, key: string): boolean {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(localesDir, lang, `${ns}.json`), 'utf8'));
  } catch {
    return false;
  }
  const parts = key.split('.');
  const last = parts.pop() ?? '';
  const parent = parts.reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], data) as
    | Record<string, unknown>
    | undefined;
  if (!parent) return false;
  return last in parent || `${last}_one` in parent || `${last}_other` in parent;
}

describe('translation keys used in code', () => {
  const files = walk(src);
  const used: { file: string; ns: string; key: string }[] = [];
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    const nsMatch = /useTranslation\(\s*'([a-z-]+)'/.exec(code);
    const defaultNs = nsMatch?.[1] ?? 'common';
    for (const m of code.matchAll(/\bt\(\s*'([^']+)'/g)) {
      const raw = m[1] ?? '';
      const [ns, key] = raw.includes(':') ? (raw.split(':', 2) as [string, string]) : [defaultNs, raw];
      used.push({ file: relative(src, file), ns, key });
    }
  }

  it('finds keys at all', () => {
    expect(used.length).toBeGreaterThan(100);
  });

  for (const lang of ['de', 'en']) {
    it(`every key exists in ${lang}`, () => {
      const missing = used.filter((u) => !has(lang, u.ns, u.key)).map((u) => `${u.file}: ${u.ns}:${u.key}`);
      expect(missing).toEqual([]);
    });
  }
});
