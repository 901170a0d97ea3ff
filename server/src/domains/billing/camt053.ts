import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { BankStatementFormat } from '../../../../contracts/bank-statements';
import { AppError } from '../../platform/http/errors';

/**
 * ISO 20022 CAMT.053 (bank-to-customer statement), versions .001.02, .001.04 and .001.08, parsed
 * with fast-xml-parser. Anything else (other XML, MT940 text, broken files, missing mandatory
 * elements, currencies other than EUR) is rejected with a 422 naming the problem.
 */

export interface ParsedEntry {
  /** AcctSvcrRef, else a hash of the entry's fields and its position (unique per statement). */
  entryRef: string;
  position: number;
  bookingDate: string | null;
  valueDate: string | null;
  amountCents: number;
  creditDebit: 'credit' | 'debit';
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: string | null;
  endToEndId: string | null;
}

export interface ParsedStatement {
  format: BankStatementFormat;
  /** `Stmt/Id`; '' when the file has none (then its sha256 identifies it). */
  statementId: string;
  /** What identifies the statement of this account when `statementId` alone does not (MT940, CSV). */
  identity?: string;
  accountIban: string;
  fromDate: string | null;
  toDate: string | null;
  openingBalanceCents: number | null;
  closingBalanceCents: number | null;
  fileSha256: string;
  entries: ParsedEntry[];
}

const SUPPORTED: Record<string, BankStatementFormat> = {
  'camt.053.001.02': 'camt.053.001.02',
  'camt.053.001.04': 'camt.053.001.04',
  'camt.053.001.08': 'camt.053.001.08',
};

const ARRAYS = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Bal']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: amounts ("0012.50") and references ("000123") must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

export const invalidStatement = (detail: string) =>
  new AppError('unprocessable', 'bank_statements.invalid_file', detail);

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is untyped; every access is checked
type Node = any;

function text(node: Node): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node.trim() || null;
  if (typeof node === 'object' && typeof node['#text'] === 'string') return node['#text'].trim() || null;
  return null;
}

/** "1234.5" → 123450 without floating point; null if it is not a decimal amount. */
export function amountToCents(raw: string | null): number | null {
  if (!raw) return null;
  const m = /^(\d{1,15})(?:[.,](\d{1,2}))?$/.exec(raw.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** `<Dt>` or `<DtTm>` → YYYY-MM-DD (the date as the bank states it). */
function dateOf(node: Node): string | null {
  const raw = text(node?.Dt) ?? text(node?.DtTm);
  if (!raw) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  return m ? m[1]! : null;
}

function describeRoot(doc: Node): string {
  const root = Object.keys(doc).find((k) => !k.startsWith('?'));
  if (!root) return 'an empty document';
  const child =
    doc[root] && typeof doc[root] === 'object'
      ? Object.keys(doc[root]).find((k) => !k.startsWith('@_'))
      : undefined;
  return child ? `${root}/${child}` : root;
}

const KNOWN_MESSAGES: Record<string, string> = {
  BkToCstmrAcctRpt: 'camt.052',
  BkToCstmrDbtCdtNtfctn: 'camt.054',
  CstmrCdtTrfInitn: 'pain.001',
  CstmrDrctDbtInitn: 'pain.008',
};

function looksLikeMt940(textContent: string): boolean {
  return /^\s*(\{1:|:20:)/.test(textContent) || /\n:61:/.test(textContent);
}

/** Parses a CAMT.053 file (one statement) or throws a 422 AppError naming what is wrong. */
export function parseCamt053(file: Buffer | string): ParsedStatement {
  const buffer = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
  const fileSha256 = createHash('sha256').update(buffer).digest('hex');
  const content = buffer.toString('utf8').replace(/^\uFEFF/, '');
  if (!content.trim()) throw invalidStatement('not a CAMT.053 statement: the file is empty');
  if (!content.trimStart().startsWith('<')) {
    throw invalidStatement(
      looksLikeMt940(content)
        ? 'not a CAMT.053 statement: this looks like an MT940 text file; only CAMT.053 XML can be imported'
        : 'not a CAMT.053 statement: the file is not XML',
    );
  }
  const valid = XMLValidator.validate(content);
  if (valid !== true) {
    throw invalidStatement(
      `not a CAMT.053 statement: the XML is malformed (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`,
    );
  }
  let doc: Node;
  try {
    doc = parser.parse(content);
  } catch (e) {
    throw invalidStatement(`not a CAMT.053 statement: the XML cannot be read (${(e as Error).message})`);
  }
  const root = describeRoot(doc);
  const body = doc?.Document?.BkToCstmrStmt;
  if (!body || typeof body !== 'object') {
    const child = root.split('/')[1];
    const known = child ? KNOWN_MESSAGES[child] : undefined;
    throw invalidStatement(
      `not a CAMT.053 statement: root element is ${root}${known ? ` (${known})` : ''}; expected Document/BkToCstmrStmt`,
    );
  }
  const ns = /urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3}\.\d{3}\.\d{2})/.exec(content)?.[1];
  if (!ns) {
    throw invalidStatement(
      'not a CAMT.053 statement: the document has no ISO 20022 namespace (urn:iso:std:iso:20022:tech:xsd:camt.053.001.0X)',
    );
  }
  const format = SUPPORTED[ns];
  if (!format) {
    throw invalidStatement(
      `unsupported CAMT version ${ns}; supported are camt.053.001.02, camt.053.001.04 and camt.053.001.08`,
    );
  }
  const stmts: Node[] = body.Stmt ?? [];
  if (stmts.length === 0) throw invalidStatement('CAMT.053: the document has no statement (Stmt)');
  if (stmts.length > 1) {
    throw invalidStatement(
      `CAMT.053: the document holds ${stmts.length} statements; import one statement per file`,
    );
  }
  return { format, fileSha256, ...parseStatement(stmts[0]) };
}

function parseStatement(stmt: Node): Omit<ParsedStatement, 'format' | 'fileSha256'> {
  // Mandatory in the schema; some exports leave it out: then the file's hash identifies the statement.
  const statementId = text(stmt.Id) ?? '';
  const accountIban = text(stmt.Acct?.Id?.IBAN)?.replace(/\s+/g, '').toUpperCase();
  if (!accountIban) {
    throw invalidStatement('CAMT.053: the statement has no account IBAN (Stmt/Acct/Id/IBAN)');
  }
  const accountCcy = text(stmt.Acct?.Ccy);
  if (accountCcy && accountCcy !== 'EUR') {
    throw invalidStatement(
      `CAMT.053: the account ${accountIban} is kept in ${accountCcy}; only EUR statements can be imported`,
    );
  }

  let openingBalanceCents: number | null = null;
  let closingBalanceCents: number | null = null;
  for (const bal of (stmt.Bal ?? []) as Node[]) {
    const code = text(bal.Tp?.CdOrPrtry?.Cd);
    const cents = amountToCents(text(bal.Amt));
    if (cents === null) continue;
    const signed = text(bal.CdtDbtInd) === 'DBIT' ? -cents : cents;
    if (code === 'OPBD' || (code === 'PRCD' && openingBalanceCents === null)) openingBalanceCents = signed;
    if (code === 'CLBD') closingBalanceCents = signed;
  }

  const entries: ParsedEntry[] = [];
  const seenRefs = new Set<string>();
  for (const [i, ntry] of ((stmt.Ntry ?? []) as Node[]).entries()) {
    const where = `entry ${i + 1}`;
    const amountText = text(ntry.Amt);
    if (!amountText) throw invalidStatement(`CAMT.053: ${where} has no amount (Ntry/Amt)`);
    const ccy = typeof ntry.Amt === 'object' ? ntry.Amt['@_Ccy'] : undefined;
    if (!ccy) throw invalidStatement(`CAMT.053: ${where} has an amount without currency (Ntry/Amt/@Ccy)`);
    if (ccy !== 'EUR') {
      throw invalidStatement(`CAMT.053: ${where} is in ${ccy}; only EUR entries can be imported`);
    }
    const amountCents = amountToCents(amountText);
    if (amountCents === null) {
      throw invalidStatement(
        `CAMT.053: ${where} has an amount that is not a decimal number: "${amountText}"`,
      );
    }
    const ind = text(ntry.CdtDbtInd);
    if (ind !== 'CRDT' && ind !== 'DBIT') {
      throw invalidStatement(`CAMT.053: ${where} has no credit/debit indicator (CdtDbtInd CRDT or DBIT)`);
    }
    const creditDebit = ind === 'CRDT' ? 'credit' : 'debit';
    const bookingDate = dateOf(ntry.BookgDt);
    const valueDate = dateOf(ntry.ValDt);
    if (!bookingDate && !valueDate) {
      throw invalidStatement(
        `CAMT.053: ${where} has neither a booking date nor a value date (BookgDt/ValDt)`,
      );
    }
    // A batch entry (several TxDtls, each with its own amount: e.g. a collective credit) becomes one
    // entry per transaction, so each customer's payment is matched on its own.
    const txs: Node[] = ((ntry.NtryDtls ?? []) as Node[]).flatMap((d) => (d?.TxDtls ?? []) as Node[]);
    const txAmount = (tx: Node): Node => tx?.AmtDtls?.TxAmt?.Amt ?? tx?.Amt;
    const split = txs.length > 1 && txs.every((tx) => amountToCents(text(txAmount(tx))) !== null);
    const parts: Array<{ tx: Node; cents: number }> = split
      ? txs.map((tx, k) => {
          const c = txAmount(tx)?.['@_Ccy'];
          if (c && c !== 'EUR') {
            throw invalidStatement(
              `CAMT.053: ${where}, transaction ${k + 1} is in ${c}; only EUR entries can be imported`,
            );
          }
          return { tx, cents: amountToCents(text(txAmount(tx)))! };
        })
      : [{ tx: txs[0] ?? {}, cents: amountCents }];
    for (const [k, { tx, cents }] of parts.entries()) {
      const party: Node = creditDebit === 'credit' ? tx.RltdPties?.Dbtr : tx.RltdPties?.Cdtr;
      const partyAcct: Node = creditDebit === 'credit' ? tx.RltdPties?.DbtrAcct : tx.RltdPties?.CdtrAcct;
      // .001.08 wraps the party in <Pty>; .001.02 and .04 do not.
      const counterpartyName = text(party?.Pty?.Nm) ?? text(party?.Nm);
      const counterpartyIban = text(partyAcct?.Id?.IBAN)?.replace(/\s+/g, '').toUpperCase() ?? null;
      const ustrd = ((tx.RmtInf?.Ustrd ?? []) as Node[]).map(text).filter((v): v is string => !!v);
      const structured = text(tx.RmtInf?.Strd?.CdtrRefInf?.Ref);
      const remittance =
        [...ustrd, ...(structured ? [structured] : [])].join(' ').replace(/\s+/g, ' ').trim() || null;
      let endToEndId = text(tx.Refs?.EndToEndId);
      if (endToEndId === 'NOTPROVIDED') endToEndId = null;
      const fields = {
        position: entries.length,
        bookingDate,
        valueDate,
        amountCents: cents,
        creditDebit,
        counterpartyName,
        counterpartyIban,
        remittance,
        endToEndId,
      } as const;
      const bankRef = split
        ? (text(tx.Refs?.AcctSvcrRef) ??
          (text(ntry.AcctSvcrRef) ? `${text(ntry.AcctSvcrRef)}/${k + 1}` : null))
        : (text(ntry.AcctSvcrRef) ?? text(tx.Refs?.AcctSvcrRef));
      let entryRef = bankRef;
      if (!entryRef || seenRefs.has(entryRef)) {
        entryRef = `h:${createHash('sha256')
          .update(JSON.stringify([text(ntry.NtryRef), fields]))
          .digest('hex')
          .slice(0, 32)}`;
      }
      seenRefs.add(entryRef);
      entries.push({ entryRef, ...fields });
    }
  }
  return {
    statementId,
    accountIban,
    fromDate: dateOf({ Dt: text(stmt.FrToDt?.FrDtTm) }) ?? entries[0]?.bookingDate ?? null,
    toDate: dateOf({ Dt: text(stmt.FrToDt?.ToDtTm) }) ?? entries.at(-1)?.bookingDate ?? null,
    openingBalanceCents,
    closingBalanceCents,
    entries,
  };
}
