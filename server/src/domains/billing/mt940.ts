import { createHash } from 'node:crypto';
import { decodeText } from './bank-file-text';
import { invalidStatement, type ParsedEntry, type ParsedStatement } from './camt053';
import { parseDetails } from './mt940-details';

/**
 * SWIFT MT940 (customer statement) as German banks export it (`.sta`, `.mt940`, `.txt`): fields
 * `:20:` reference, `:25:` account (BLZ/account number or IBAN), `:28C:` statement number,
 * `:60F:`/`:60M:` opening balance, `:61:` entries (value date, entry date, C/D/RC/RD, amount with a
 * decimal comma, `//` bank reference), `:86:` details (GVC code, `?00` booking text, `?20`–`?29` and
 * `?60`–`?63` purpose with SEPA keys SVWZ+/EREF+/KREF+/MREF+, `?30` BIC, `?31` IBAN, `?32`/`?33`
 * name), `:62F:`/`:62M:` closing balance; several statements per file, separated by a `-` line.
 *
 * Written here rather than taken from npm: the candidates (mt940js 1.3.5, mt940-js 1.0.0,
 * @centrapay/swift-parser) are unmaintained since 2019–2021, return amounts as floats and dates as
 * `Date` objects, stop at tags they do not know, and leave the German `:86:` SEPA keys to the
 * caller — the part that matters for matching. The format is a line format; this and
 * mt940-details.ts (the `:86:` field) are ~400 lines.
 *
 * Each statement becomes the same neutral `ParsedStatement` as a CAMT.053 one. Its identity is
 * account + `:20:` + `:28C:` + opening and closing date and balance (see `statementId`); an entry's
 * is the bank reference (`//…` in `:61:`) when it has one that is unique in the statement, else a
 * hash of its fields and its position among identical entries.
 */

interface Field {
  tag: string;
  value: string;
  line: number;
}

interface Balance {
  cents: number;
  date: string;
  currency: string;
}

/** Does this text look like MT940 (or another SWIFT MT message)? */
export function looksLikeMt940(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  return /^(\{1:|:20:)/.test(head) || (/(^|\n):20:/.test(text) && /\n:61:|\n:60[FM]:/.test(text));
}

const MT = (detail: string) => invalidStatement(`MT940: ${detail}`);

/** SWIFT YYMMDD → YYYY-MM-DD (years 80–99 are 19xx); null when it is no date. */
function swiftDate(yymmdd: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const yy = Number(m[1]);
  const iso = `${yy >= 80 ? 1900 + yy : 2000 + yy}-${m[2]}-${m[3]}`;
  return validDate(iso) ? iso : null;
}

function validDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** "1234,5" / "1234," / "1234,56" → cents, without floating point; null when it is not one. */
export function mt940Amount(raw: string): number | null {
  const m = /^(\d{1,13}),(\d{0,2})$/.exec(raw) ?? /^(\d{1,13})$/.exec(raw);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** German IBAN of a BLZ and account number (check digits per ISO 13616, mod 97). */
export function germanIban(blz: string, account: string): string {
  const bban = `${blz}${account.padStart(10, '0')}`;
  // D = 13, E = 14, check digits 00
  const check = 98n - (BigInt(`${bban}131400`) % 97n);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

/** `:25:` → the account's IBAN: an IBAN as it is, BLZ/account number as a German IBAN. */
function accountOf(raw: string, line: number): string {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  // an IBAN, maybe followed by the account's currency (DE89…3000EUR)
  const iban = value.replace(/(?<=\d)(EUR|USD|CHF|GBP)$/, '');
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return iban;
  const blz = /^(\d{8})\/(\d{1,10})(?:[A-Z]{3})?$/.exec(value);
  if (blz) return germanIban(blz[1]!, blz[2]!);
  throw MT(`line ${line}: the account (:25:) "${raw}" is neither an IBAN nor bank code/account number`);
}

/** `:60F:C261120EUR1000,00` → signed cents, date and currency. */
function balanceOf(field: Field): Balance {
  const m = /^([CD])(\d{6})([A-Z]{3})([0-9,]+)$/.exec(field.value.replace(/\s+/g, ''));
  if (!m) throw MT(`line ${field.line}: the balance :${field.tag}: "${field.value}" cannot be read`);
  const date = swiftDate(m[2]!);
  if (!date) throw MT(`line ${field.line}: the balance :${field.tag}: has no valid date "${m[2]}"`);
  const cents = mt940Amount(m[4]!);
  if (cents === null) {
    throw MT(`line ${field.line}: the balance :${field.tag}: has an amount that is not a number: "${m[4]}"`);
  }
  return { cents: m[1] === 'D' ? -cents : cents, date, currency: m[3]! };
}

/** Splits the text into statements of fields (continuation lines joined to their field). */
function statementsOf(text: string): Field[][] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Field[][] = [];
  let current: Field[] = [];
  let inBlock4 = false;
  for (const [i, rawLine] of lines.entries()) {
    let line = rawLine;
    const n = i + 1;
    // SWIFT envelope: {1:…}{2:…}{4: … -}
    if (line.startsWith('{')) {
      const b4 = line.indexOf('{4:');
      if (b4 < 0) continue;
      inBlock4 = true;
      line = line.slice(b4 + 3);
      if (!line.trim()) continue;
    }
    const trimmed = line.trim();
    if (trimmed === '-' || trimmed === '-}' || trimmed.startsWith('-}') || trimmed === '@@') {
      if (current.length > 0) out.push(current);
      current = [];
      inBlock4 = false;
      continue;
    }
    const m = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (m) {
      // a new :20: without a separator line starts a new statement too
      if (m[1] === '20' && current.some((f) => f.tag === '20')) {
        out.push(current);
        current = [];
      }
      current.push({ tag: m[1]!, value: m[2]!, line: n });
    } else if (current.length > 0 && line.length > 0) {
      const last = current.at(-1)!;
      last.value += `\n${line}`;
    } else if (trimmed && !inBlock4 && current.length === 0 && out.length === 0) {
      throw MT(`line ${n}: expected a field like :20: but found "${trimmed.slice(0, 40)}"`);
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Parses an MT940 file (one or more statements) or throws a 422 AppError naming what is wrong. */
export function parseMt940(file: Buffer | string): ParsedStatement[] {
  const buffer = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
  const fileSha256 = createHash('sha256').update(buffer).digest('hex');
  const { text } = decodeText(buffer);
  if (!text.trim()) throw MT('the file is empty');
  if (!looksLikeMt940(text)) {
    throw invalidStatement(
      'not an MT940 statement: the file does not start with :20: (or a SWIFT {1: header)',
    );
  }
  const groups = statementsOf(text);
  if (groups.length === 0) throw MT('the file holds no statement');
  return groups.map((fields, i) => parseOne(fields, groups.length > 1 ? i + 1 : 0, fileSha256));
}

function parseOne(fields: Field[], index: number, fileSha256: string): ParsedStatement {
  const where = index ? `statement ${index}` : 'the statement';
  const first = (tag: RegExp) => fields.find((f) => tag.test(f.tag));
  if (fields.some((f) => f.tag === '34F' || f.tag === '13D')) {
    throw MT(`${where} is an MT942 interim report (:34F:/:13D:), not a statement; export MT940 instead`);
  }
  const f20 = first(/^20$/);
  const f25 = first(/^25P?$/);
  const f28 = first(/^28C?$/);
  const f60 = first(/^60[FM]$/);
  const f62 = first(/^62[FM]$/);
  if (!f20) throw MT(`${where} has no reference (:20:)`);
  if (!f25) throw MT(`${where} (line ${f20.line}) has no account (:25:)`);
  if (!f60) throw MT(`${where} (line ${f20.line}) has no opening balance (:60F: or :60M:)`);
  if (!f62) throw MT(`${where} (line ${f20.line}) has no closing balance (:62F: or :62M:)`);
  const accountIban = accountOf(f25.value.split('\n')[0]!, f25.line);
  const opening = balanceOf(f60);
  const closing = balanceOf(f62);
  for (const b of [opening, closing]) {
    if (b.currency !== 'EUR') {
      throw MT(
        `${where}: the account ${accountIban} is kept in ${b.currency}; only EUR statements can be imported`,
      );
    }
  }

  const entries: ParsedEntry[] = [];
  const seenRefs = new Set<string>();
  const seenHashes = new Map<string, number>();
  let sum = 0;
  for (const [k, f] of fields.entries()) {
    if (f.tag !== '61') continue;
    const next = fields[k + 1];
    const details = next?.tag === '86' ? parseDetails(next.value) : null;
    const entry = parseEntry(f);
    sum += entry.creditDebit === 'credit' ? entry.amountCents : -entry.amountCents;
    const name = details?.name ?? null;
    let iban =
      details?.account && /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(details.account) ? details.account : null;
    iban ??= details?.sepa.IBAN?.replace(/\s+/g, '') || null;
    const eref = details?.sepa.EREF?.trim();
    const fieldsOfEntry = {
      bookingDate: entry.bookingDate,
      valueDate: entry.valueDate,
      amountCents: entry.amountCents,
      creditDebit: entry.creditDebit,
      counterpartyName: name,
      counterpartyIban: iban,
      remittance: details?.purpose ?? null,
      endToEndId: eref && eref !== 'NOTPROVIDED' ? eref : null,
    };
    const hash = createHash('sha256')
      .update(JSON.stringify([fieldsOfEntry, entry.customerRef, details?.gvc ?? null]))
      .digest('hex')
      .slice(0, 32);
    const occurrence = seenHashes.get(hash) ?? 0;
    seenHashes.set(hash, occurrence + 1);
    let entryRef = entry.bankRef ? `b:${entry.bankRef}` : null;
    if (!entryRef || seenRefs.has(entryRef)) entryRef = `h:${hash}:${occurrence}`;
    seenRefs.add(entryRef);
    entries.push({ entryRef, position: entries.length, ...fieldsOfEntry });
  }
  if (opening.cents + sum !== closing.cents) {
    const eur = (c: number) => (c / 100).toFixed(2).replace('.', ',');
    throw MT(
      `${where} (line ${f20.line}) does not add up: opening balance ${eur(opening.cents)} + entries ${eur(sum)} ≠ closing balance ${eur(closing.cents)}`,
    );
  }
  const ref20 = f20.value.trim();
  const ref28 = f28?.value.trim() ?? '';
  return {
    format: 'mt940',
    // The statement's identity (with the account): reference, number, dates and balances.
    statementId: [ref20, ref28].filter(Boolean).join(' '),
    identity: `${ref20}|${ref28}|${opening.date}|${closing.date}|${opening.cents}|${closing.cents}`,
    accountIban,
    fromDate: opening.date,
    toDate: closing.date,
    openingBalanceCents: opening.cents,
    closingBalanceCents: closing.cents,
    fileSha256,
    entries,
  };
}

interface Entry61 {
  valueDate: string;
  bookingDate: string;
  creditDebit: 'credit' | 'debit';
  amountCents: number;
  customerRef: string | null;
  bankRef: string | null;
}

/**
 * `:61:2611201120CR238,00NTRFNONREF//BANKREF` — value date, entry date (MMDD, optional), mark
 * (C, D, RC = reversed credit → debit, RD = reversed debit → credit), funds code, amount, type,
 * customer reference, `//` bank reference; a second line holds supplementary details.
 */
function parseEntry(f: Field): Entry61 {
  const lineText = f.value.split('\n')[0]!.trim();
  const m = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?([0-9,]*)(.*)$/.exec(lineText);
  if (!m) throw MT(`line ${f.line}: the entry (:61:) "${lineText}" cannot be read`);
  const valueDate = swiftDate(m[1]!);
  if (!valueDate) throw MT(`line ${f.line}: the entry (:61:) has no valid value date "${m[1]}"`);
  const amountCents = mt940Amount(m[5]!);
  // the amount is followed by the transaction type (N + 3 characters, e.g. NTRF)
  if (amountCents === null || !/^[NSF][A-Z0-9]{3}/.test(m[6]!)) {
    throw MT(
      `line ${f.line}: the entry (:61:) has an amount that is not a number: "${`${m[5]}${m[6]}`.slice(0, 12)}"`,
    );
  }
  let bookingDate = valueDate;
  if (m[2]) {
    const month = Number(m[2].slice(0, 2));
    const vMonth = Number(valueDate.slice(5, 7));
    let year = Number(valueDate.slice(0, 4));
    if (month === 12 && vMonth === 1) year -= 1;
    if (month === 1 && vMonth === 12) year += 1;
    const iso = `${year}-${m[2].slice(0, 2)}-${m[2].slice(2)}`;
    if (!validDate(iso)) throw MT(`line ${f.line}: the entry (:61:) has no valid entry date "${m[2]}"`);
    bookingDate = iso;
  }
  const mark = m[3]!;
  const creditDebit = mark === 'C' || mark === 'RD' ? 'credit' : 'debit';
  // rest: type code (N + 3), customer reference, // bank reference
  const rest = m[6]!;
  const refs = /^[NSF][A-Z0-9]{3}(.*)$/.exec(rest)?.[1] ?? rest;
  const [customer, bank] = refs.split('//');
  const clean = (v: string | undefined) => {
    const s = v?.trim();
    return s && s.toUpperCase() !== 'NONREF' ? s : null;
  };
  return {
    valueDate,
    bookingDate,
    creditDebit,
    amountCents,
    customerRef: clean(customer),
    bankRef: clean(bank),
  };
}
