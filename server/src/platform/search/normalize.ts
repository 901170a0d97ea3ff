/**
 * Text as the search index sees it, the same on both databases: the application turns every text
 * into plain lower-case words of letters and digits before SQLite FTS5 or PostgreSQL see it, so
 * both engines index and match exactly the same terms (and a query can hold no search syntax).
 *
 * Each word is indexed in two spellings: accents dropped ("müller" → "muller", "café" → "cafe")
 * and German umlauts spelled out ("müller" → "mueller"); ß is "ss" in both. A query word matches
 * either spelling, so "muller", "mueller" and "müller" all find "Müller".
 */

/** Letters NFKD does not take apart, in the accent-free spelling. */
const PLAIN: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ς: 'σ',
};
const PLAIN_RE = /[ßẞæœøłđðþıς]/g;
/** German umlauts spelled out (the second spelling). */
const UMLAUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };
const MARKS_RE = /\p{M}+/gu;
/** Words are runs of letters and digits (after accents are gone: everything else separates). */
const WORD_RE = /[\p{L}\p{N}]+/gu;
const NON_ASCII_RE = /[\u0080-\uffff]/;
const ASCII_WORD_RE = /[a-z0-9]+/g;

/** Longest word kept (longer ones are cut): keeps index rows and queries bounded. */
export const MAX_TERM_LENGTH = 60;

/** Accents off: lower case, compatibility forms taken apart (ligatures, full width), marks dropped. */
function plain(text: string): string {
  return text
    .replace(PLAIN_RE, (c) => PLAIN[c] ?? c)
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .toLowerCase();
}

function wordsOf(text: string, re: RegExp): string[] {
  const words = text.match(re) ?? [];
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.length > MAX_TERM_LENGTH) words[i] = words[i]!.slice(0, MAX_TERM_LENGTH);
  }
  return words;
}

/** Both spellings of each non-ASCII character seen so far (a few hundred in practice; bounded). */
const CHARS = new Map<string, [string, string]>();
function spellChar(ch: string): [string, string] {
  let s = CHARS.get(ch);
  if (!s) {
    const lower = ch.toLowerCase();
    const a = plain(lower);
    s = [a, UMLAUT[lower] ?? a];
    if (CHARS.size < 20_000) CHARS.set(ch, s);
  }
  return s;
}

/**
 * The words of a text in the accent-free spelling and in the umlauts-spelled-out one (the same
 * list when the text has no umlauts). Words are split after normalising: a compatibility character
 * may stand for several words ("ﷺ"). Character by character, so imports of a million rows spend
 * microseconds here.
 */
function spellings(text: string): [string[], string[]] {
  if (!NON_ASCII_RE.test(text)) {
    // most text (e-mail addresses, phone numbers, many names): nothing to normalise
    const words = wordsOf(text.toLowerCase(), ASCII_WORD_RE);
    return [words, words];
  }
  let a = '';
  let b = '';
  let umlauts = false;
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 128) {
      const c = ch.toLowerCase();
      a += c;
      b += c;
    } else {
      const [x, y] = spellChar(ch);
      a += x;
      b += y;
      if (x !== y) umlauts = true;
    }
  }
  const wordsA = wordsOf(a, WORD_RE);
  return [wordsA, umlauts ? wordsOf(b, WORD_RE) : wordsA];
}

/**
 * The terms a text is indexed under: each word in both spellings, once each, space-separated
 * ("Müller-Lüdenscheidt GmbH" → "muller mueller ludenscheidt luedenscheidt gmbh").
 */
export function searchTerms(...texts: Array<string | null | undefined>): string {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const [a, b] = spellings(text);
    a.forEach((w, i) => {
      terms.add(w);
      if (b[i]) terms.add(b[i]);
    });
    for (const w of b) terms.add(w);
  }
  return [...terms].join(' ');
}

/**
 * A text as one comparable key per spelling ("Müller GmbH" → ["muller gmbh", "mueller gmbh"]): the
 * exact-match and starts-with checks of the ranking compare these.
 */
export function searchKeys(text: string): [string, string] {
  const [a, b] = spellings(text);
  return [a.join(' '), b.join(' ')];
}

/** A title's keys (searchKeys) and terms (searchTerms) at once. */
export function titleForms(title: string): { key: string; keyAlt: string; terms: string } {
  const [a, b] = spellings(title);
  const terms = a === b ? [...new Set(a)] : [...new Set([...a, ...b])];
  return { key: a.join(' '), keyAlt: b.join(' '), terms: terms.join(' ') };
}

/** Most words a query uses (more are ignored). */
export const MAX_QUERY_WORDS = 8;

/** A search query, parsed: each word with its spellings (any may match), and the keys of the whole query. */
export interface ParsedQuery {
  words: string[][];
  keys: [string, string];
}

/** Null when the query has no words (only punctuation, or nothing). */
export function parseQuery(q: string): ParsedQuery | null {
  const [a, b] = spellings(q);
  if (a.length === 0) return null;
  // the spellings pair up word by word (spelling out umlauts never splits a word)
  const aligned = a.length === b.length;
  const seen = new Set<string>();
  const words: string[][] = [];
  a.forEach((x, i) => {
    const y = aligned ? b[i]! : x;
    const key = `${x} ${y}`;
    if (seen.has(key) || words.length >= MAX_QUERY_WORDS) return;
    seen.add(key);
    words.push(x === y ? [x] : [x, y]);
  });
  return { words, keys: [a.join(' '), aligned ? b.join(' ') : a.join(' ')] };
}
