/**
 * Company names compared the way people mean them: "Müller GmbH", "Mueller GmbH & Co. KG" and
 * "müller" are the same name. A name key is lower case, umlauts spelled out (ä → ae, ß → ss), other
 * accents dropped, punctuation gone and trailing legal forms removed.
 */

/** Legal-form tokens (after dots are removed), dropped from the end of a name. */
const LEGAL_FORMS = new Set([
  'gmbh',
  'mbh',
  'ggmbh',
  'ag',
  'kg',
  'kgaa',
  'ohg',
  'gbr',
  'ug',
  'haftungsbeschraenkt',
  'ek',
  'ekfm',
  'ekfr',
  'ev',
  'eg',
  'se',
  'co',
  'cokg',
  'ltd',
  'limited',
  'inc',
  'llc',
  'llp',
  'corp',
  'corporation',
  'plc',
  'sa',
  'sarl',
  'sas',
  'srl',
  'spa',
  'bv',
  'nv',
  'ab',
  'as',
  'aps',
  'oy',
  'sro',
  'spzoo',
]);

const SPELLED_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', ø: 'oe', å: 'aa' };

/** Lower case, umlauts spelled out, other accents removed. */
export function foldText(input: string): string {
  return input
    .toLowerCase()
    .replace(/[äöüßæøå]/g, (c) => SPELLED_OUT[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** The key two names are compared by ("Müller GmbH & Co. KG" → "mueller"). */
export function companyNameKey(name: string): string {
  const folded = foldText(name)
    // "e.K.", "Co.", "s.r.o." → "ek", "co", "sro"; "Sp. z o.o." → "spzoo" below
    .replace(/\./g, '')
    .replace(/\bsp z oo\b/g, 'spzoo')
    .replace(/[()]/g, ' ');
  const tokens = folded.split(/[^a-z0-9]+/).filter(Boolean);
  while (tokens.length > 1 && LEGAL_FORMS.has(tokens[tokens.length - 1]!)) tokens.pop();
  return tokens.join(' ');
}

/** Levenshtein edit distance (two rows, O(|a|·|b|) time, O(|b|) memory). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let curr = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

/** Sørensen–Dice coefficient over character trigrams of the padded strings (0…1). */
export function trigramSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const padded = `  ${s} `;
    const out = new Map<string, number>();
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * How alike two name keys are, 0…1: the better of the edit-distance ratio (catches typos:
 * "mueller" / "muller") and the trigram overlap (catches swapped words: "bau mueller" / "mueller bau").
 * The spaces between words are ignored for the edit distance ("mueller bau" = "muellerbau").
 */
export function nameSimilarity(keyA: string, keyB: string): number {
  if (!keyA || !keyB) return 0;
  if (keyA === keyB) return 1;
  const a = keyA.replace(/ /g, '');
  const b = keyB.replace(/ /g, '');
  if (a === b) return 1;
  const editRatio = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  const sortedA = keyA.split(' ').sort().join(' ');
  const sortedB = keyB.split(' ').sort().join(' ');
  return Math.max(editRatio, trigramSimilarity(sortedA, sortedB));
}

/** Names at least this alike are reported as possible duplicates. */
export const SIMILAR_NAME_THRESHOLD = 0.85;

/** Mail providers whose domain says nothing about the company a person works for. */
export const FREEMAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.ch',
  'web.de',
  't-online.de',
  'freenet.de',
  'arcor.de',
  'posteo.de',
  'mailbox.org',
  'outlook.com',
  'outlook.de',
  'hotmail.com',
  'hotmail.de',
  'live.com',
  'live.de',
  'msn.com',
  'yahoo.com',
  'yahoo.de',
  'icloud.com',
  'me.com',
  'aol.com',
  'protonmail.com',
  'proton.me',
]);

/** The domain of an e-mail address, lower case ("Max@Mueller-GmbH.de" → "mueller-gmbh.de"). */
export function emailDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return (at >= 0 ? address.slice(at + 1) : '').toLowerCase().replace(/^www\./, '');
}
