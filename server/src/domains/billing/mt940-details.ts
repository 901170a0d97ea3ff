/** The `:86:` details field of an MT940 entry: GVC code, booking text, purpose with its SEPA keys, counterparty. */

const SEPA_KEYS = [
  'EREF',
  'KREF',
  'MREF',
  'CRED',
  'DEBT',
  'SVWZ',
  'ABWA',
  'ABWE',
  'IBAN',
  'BIC',
  'COAM',
  'OAMT',
  'SQTP',
  'PURP',
  'BREF',
  'RREF',
];
const SEPA_KEY_RE = new RegExp(`(${SEPA_KEYS.join('|')})\\+`, 'g');

export interface Details86 {
  gvc: string | null;
  bookingText: string | null;
  purpose: string | null;
  sepa: Record<string, string>;
  bic: string | null;
  account: string | null;
  name: string | null;
}

/**
 * A `:86:` field: structured (`166?00GUTSCHR?20EREF+…?21SVWZ+…?32Name`) or free text. Purpose
 * subfields are joined — without a separator after a full one (banks cut them at 27 characters,
 * mid-word), else with a space — then split at the SEPA keys.
 */
export function parseDetails(raw: string): Details86 {
  const flat = raw.replace(/\r?\n/g, '');
  const structured = /^(\d{3})(\?|>|\/)(\d{2})/.exec(flat);
  if (!structured) {
    const text = raw.replace(/\r?\n/g, ' ').replace(/\s+/g, ' ').trim() || null;
    return { gvc: null, bookingText: null, purpose: text, sepa: {}, bic: null, account: null, name: null };
  }
  const sep = structured[2]!;
  const sub = new Map<string, string>();
  const parts = flat.slice(3).split(sep).slice(1);
  for (const part of parts) {
    const code = part.slice(0, 2);
    if (!/^\d{2}$/.test(code)) continue;
    sub.set(code, (sub.get(code) ?? '') + part.slice(2));
  }
  // Banks fill a subfield to its 27 characters and go on in the next one, mid-word; a shorter one
  // ended where its text ended.
  const range = (from: number, to: number) => {
    let out = '';
    let full = true;
    for (let i = from; i <= to; i += 1) {
      const part = sub.get(String(i).padStart(2, '0'));
      if (part === undefined) continue;
      out += (full || !out ? '' : ' ') + part;
      full = part.length >= 27;
    }
    return out;
  };
  const purposeRaw = range(20, 29) + range(60, 63);
  const sepa: Record<string, string> = {};
  const keys = [...purposeRaw.matchAll(SEPA_KEY_RE)];
  let purpose: string | null;
  if (keys.length > 0 && keys[0]!.index === 0) {
    for (const [i, k] of keys.entries()) {
      const start = k.index + k[0].length;
      const end = keys[i + 1]?.index ?? purposeRaw.length;
      const value = purposeRaw.slice(start, end).trim();
      sepa[k[1]!] = sepa[k[1]!] ? `${sepa[k[1]!]} ${value}` : value;
    }
    purpose = sepa.SVWZ ?? null;
  } else {
    purpose = purposeRaw;
  }
  const clean = (v: string | null | undefined) => v?.replace(/\s+/g, ' ').trim() || null;
  return {
    gvc: structured[1]!,
    bookingText: clean(sub.get('00')),
    purpose: clean(purpose),
    sepa,
    bic: clean(sub.get('30')),
    account: clean(sub.get('31'))?.replace(/\s+/g, '') ?? null,
    name: clean(range(32, 33)),
  };
}
