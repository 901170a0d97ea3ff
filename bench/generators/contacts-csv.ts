import { closeSync, openSync, writeSync } from 'node:fs';
import { makeRng, type NamePools, slug } from './pools';

/** The columns of the contacts file, as a German spreadsheet export has them, and their fields. */
export const CONTACTS_CSV_MAPPING = {
  'Firma-ID': 'companyId',
  Vorname: 'firstName',
  Nachname: 'lastName',
  Position: 'position',
  'E-Mail': 'emails',
  Telefon: 'phones',
  Sprache: 'preferredLanguage',
} as const;

const quote = (s: string) => (/[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * A CSV file of `rows` new contacts for the import workload: `;`-separated UTF-8 with a header row,
 * each contact at an existing company (by id: with a million companies many share a name, and the
 * import refuses an ambiguous company name), a new e-mail address (no duplicates of the database
 * or of the file, so every row is created), a phone number for most. Returns the file size.
 */
export function writeContactsCsv(
  path: string,
  opts: { rows: number; seed: number; pools: NamePools; companyIds: readonly string[] },
): { rows: number; bytes: number } {
  const rng = makeRng(opts.seed ^ 0xc5f);
  const p = opts.pools;
  const fd = openSync(path, 'w');
  let bytes = 0;
  const write = (text: string) => {
    bytes += writeSync(fd, text);
  };
  try {
    write(`${Object.keys(CONTACTS_CSV_MAPPING).join(';')}\r\n`);
    const chunk: string[] = [];
    for (let i = 0; i < opts.rows; i++) {
      const first = rng.pick(p.firstNames);
      const last = rng.pick(p.lastNames);
      chunk.push(
        [
          rng.pick(opts.companyIds),
          quote(first),
          quote(last),
          rng.chance(0.7) ? quote(rng.pick(p.positions)) : '',
          `${slug(first)}.${slug(last)}.imp${i}@${rng.pick(p.mailDomains)}`,
          rng.chance(0.8) ? `+49 ${rng.between(30, 9999)} ${rng.between(100_000, 9_999_999)}` : '',
          rng.chance(0.92) ? 'de' : 'en',
        ].join(';'),
      );
      if (chunk.length === 10_000) {
        write(`${chunk.join('\r\n')}\r\n`);
        chunk.length = 0;
      }
    }
    if (chunk.length) write(`${chunk.join('\r\n')}\r\n`);
  } finally {
    closeSync(fd);
  }
  return { rows: opts.rows, bytes };
}
