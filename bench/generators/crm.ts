import type SQLite from 'better-sqlite3';
import { companyNameKey } from '../../server/src/domains/companies/name-similarity';
import {
  DEFAULT_LOST_REASONS,
  DEFAULT_PIPELINE_ID,
  DEFAULT_STAGES,
} from '../../server/src/migrations/2026_11_26_1310_create_sales';
import { uuidv7Factory } from './ids';
import { makePools, makeRng, type NamePools, type Rng, slug } from './pools';

/**
 * The CRM data of the bench, written straight into Kontor's migrated tables with prepared
 * statements (one transaction per table group): `rows` companies, `rows` contacts (each with its
 * e-mail row), `rows` deals in the default pipeline with a stage history of about five entries per
 * deal, filled in the way the sales service records it (first entries, `advanced`, stays).
 * Rows are written in creation order, so ids (UUIDv7) and rowids grow with time like in a live
 * installation. Everything comes from a fixed seed: every run has the same rows.
 */

export interface CrmOptions {
  rows: number;
  seed: number;
  /** Users who own companies and deals. */
  ownerIds: readonly string[];
}

/** What the generator made, kept for the search index, queries and the CSV import. */
export interface CrmData {
  pools: NamePools;
  companies: number;
  companyTags: number;
  contacts: number;
  deals: number;
  history: number;
  segments: number;
  companyIds: string[];
  companyNames: string[];
  companyOwner: Uint32Array;
  contactIds: string[];
  contactCompany: Uint32Array;
  pipelineId: string;
  stageIds: string[];
  /** Deals per stage (index as in `stageIds`). */
  dealsPerStage: number[];
}

export interface CrmTimings {
  companies: number;
  contacts: number;
  deals: number;
  /** Rebuilding the secondary indexes dropped for the load. */
  indexes: number;
}

const DAY = 86_400_000;
/** The data's "now": nothing happens after it, so runs on different days see the same rows. */
export const CRM_END = Date.UTC(2026, 10, 26, 12);
const COMPANIES_FROM = Date.UTC(2019, 0, 1);
const DEALS_FROM = Date.UTC(2023, 0, 1);

// ─── fast ISO strings ────────────────────────────────────────────────────────────────────────────

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayCache = new Map<number, string>();

/** `new Date(ms).toISOString()` for whole seconds, a few times faster (millions of history rows). */
export function isoSeconds(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const day = Math.floor(sec / 86_400);
  let d = dayCache.get(day);
  if (!d) {
    d = new Date(day * DAY).toISOString().slice(0, 10);
    dayCache.set(day, d);
  }
  const rem = sec - day * 86_400;
  const h = Math.floor(rem / 3600);
  const m = Math.floor((rem % 3600) / 60);
  return `${d}T${TWO[h]}:${TWO[m]}:${TWO[rem % 60]}.000Z`;
}

const isoDate = (ms: number) => isoSeconds(ms).slice(0, 10);

// ─── secondary indexes: dropped for a bulk load, built again afterwards ─────────────────────────

/**
 * Indexes whose keys arrive in ascending order as the rows are written (creation time, or a
 * column that is always null followed by the rowid): kept during the load, each insert appends.
 */
const IN_WRITE_ORDER = new Set([
  'companies_created',
  'companies_updated',
  'companies_team',
  'companies_merged_into',
  'contacts_created',
  'contacts_updated',
  'contacts_merged_into',
  'deals_created',
  'deals_team',
  'deal_stage_history_pipeline_changed',
]);

/**
 * Drops the explicit indexes of the tables that a bulk insert would fill in random order, and
 * returns a function that creates them again (sorting once beats a million random B-tree inserts).
 */
export function dropIndexes(sqlite: SQLite.Database, tables: readonly string[]): () => void {
  const rows = (
    sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
      )
      .all(...tables) as { name: string; sql: string }[]
  ).filter((r) => !IN_WRITE_ORDER.has(r.name));
  for (const r of rows) sqlite.exec(`DROP INDEX "${r.name}"`);
  return () => {
    for (const r of rows) sqlite.exec(r.sql);
  };
}

/** Runs `fn` in one transaction. */
function inTransaction<T>(sqlite: SQLite.Database, fn: () => T): T {
  sqlite.exec('BEGIN');
  try {
    const result = fn();
    sqlite.exec('COMMIT');
    return result;
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
}

// ─── companies ───────────────────────────────────────────────────────────────────────────────────

const TAGS = ['A-Kunde', 'B-Kunde', 'Messe 2026', 'Newsletter', 'Key Account', 'Rahmenvertrag'];
const BICS = ['COBADEFFXXX', 'DEUTDEFFXXX', 'GENODEF1S04', 'SSKMDEMMXXX', 'BYLADEM1001', 'HYVEDEMMXXX'];

/** A German IBAN with valid check digits (ISO 7064 mod 97-10). */
export function germanIban(rng: Rng): string {
  const bban = `${rng.between(10_000_000, 89_999_999)}${String(rng.between(0, 9_999_999_999)).padStart(10, '0')}`;
  // "DE" = 13 14, then "00"; mod 97 in pieces small enough for doubles
  const digits = `${bban}131400`;
  let rem = 0;
  for (let i = 0; i < digits.length; i += 7) rem = Number(`${rem}${digits.slice(i, i + 7)}`) % 97;
  return `DE${String(98 - rem).padStart(2, '0')}${bban}`;
}

function companyName(rng: Rng, p: NamePools): string {
  const legal = rng.weighted(p.legalForms);
  const tail = legal ? ` ${legal}` : '';
  const r = rng.next();
  if (r < 0.35) return `${rng.pick(p.lastNames)} ${rng.pick(p.trades)}${tail}`;
  if (r < 0.55) return `${rng.pick(p.lastNames)}${tail || ' GmbH'}`;
  if (r < 0.7) return `${rng.pick(p.lastNames)} & ${rng.pick(p.lastNames)}${tail}`;
  if (r < 0.82) return `${rng.pick(p.lastNames)}-${rng.pick(p.lastNames)}${tail}`;
  if (r < 0.92) return `${rng.pick(p.trades)} ${rng.pick(p.lastNames)}${tail}`;
  return `${rng.pick(p.cities).replace(/[()]/g, '')} ${rng.pick(p.trades)}${tail}`;
}

function revenueBand(employees: number): string {
  if (employees < 10) return '<1M';
  if (employees < 50) return '1-10M';
  if (employees < 250) return '10-50M';
  if (employees < 1000) return '50-250M';
  return '>250M';
}

function insertSegments(sqlite: SQLite.Database, p: NamePools, uuid: (ms: number) => string): string[][] {
  const insert = sqlite.prepare(
    `INSERT INTO segments (id, name, name_key, industry, region, size_class, market_companies, potential_revenue_cents, notes, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 1)`,
  );
  const at = isoSeconds(COMPANIES_FROM);
  // per industry: a segment for the north and one for the south
  return p.industries.map((industry, i) =>
    ['Nord', 'Süd'].map((region, j) => {
      const id = uuid(COMPANIES_FROM + i * 2 + j);
      const name = `${industry} ${region}`;
      insert.run(
        id,
        name,
        name.toLowerCase(),
        industry,
        region,
        'KMU',
        2000 + i * 300,
        (20 + i) * 1_000_000_00,
        at,
        at,
      );
      return id;
    }),
  );
}

function insertCompanies(
  sqlite: SQLite.Database,
  opts: CrmOptions,
  p: NamePools,
  rng: Rng,
  uuid: (ms: number) => string,
) {
  const segments = insertSegments(sqlite, p, uuid);
  const insert = sqlite.prepare(
    `INSERT INTO companies (id, name, name_key, name_prefix, legal_name, legal_name_key, role_customer, role_prospect,
       role_supplier, role_partner, street, postal_code, city, country, industry, segment_id, employees, revenue_band,
       website, web_domain, vat_id, iban, bic, payment_terms_days, owner_id, team_id, tags, notes, merged_into_id,
       merged_at, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, NULL, ?, ?, 1)`,
  );
  const insertTag = sqlite.prepare('INSERT INTO company_tags (company_id, tag) VALUES (?, ?)');
  const n = opts.rows;
  const ids: string[] = new Array(n);
  const names: string[] = new Array(n);
  const domains: (string | null)[] = new Array(n);
  const owner = new Uint32Array(n);
  const step = (CRM_END - 30 * DAY - COMPANIES_FROM) / n;
  let tags = 0;
  for (let i = 0; i < n; i++) {
    const created = COMPANIES_FROM + Math.floor(i * step);
    const id = uuid(created);
    const name = companyName(rng, p);
    const key = companyNameKey(name);
    const legal = rng.chance(0.2) ? name : null;
    const role = rng.next();
    const supplier = role >= 0.9 || rng.chance(0.03);
    const industryIndex = rng.int(p.industries.length);
    const employees = Math.max(1, Math.round(Math.exp(rng.next() * Math.log(5000))));
    const domain = rng.chance(0.7) ? `${slug(key.split(' ').slice(0, 2).join('-')) || 'firma'}.de` : null;
    const ownerIndex = rng.int(opts.ownerIds.length);
    const at = isoSeconds(created);
    const country = rng.weighted(COUNTRIES);
    const tagList = rng.chance(0.15) ? [rng.pick(TAGS)] : [];
    ids[i] = id;
    names[i] = name;
    domains[i] = domain;
    owner[i] = ownerIndex;
    insert.run(
      id,
      name,
      key,
      key.slice(0, 2),
      legal,
      legal ? key : null,
      role < 0.35 ? 1 : 0,
      role >= 0.35 && role < 0.9 ? 1 : 0,
      supplier ? 1 : 0,
      rng.chance(0.04) ? 1 : 0,
      `${rng.pick(p.streets)} ${rng.between(1, 180)}`,
      country === 'DE' ? String(rng.between(1067, 99998)).padStart(5, '0') : String(rng.between(1000, 9999)),
      rng.pick(p.cities),
      country,
      p.industries[industryIndex]!,
      rng.chance(0.4) ? segments[industryIndex]![rng.int(2)]! : null,
      employees,
      revenueBand(employees),
      domain ? `https://www.${domain}` : null,
      domain,
      rng.chance(0.5) ? `DE${rng.between(100_000_000, 999_999_999)}` : null,
      supplier ? germanIban(rng) : null,
      supplier ? rng.pick(BICS) : null,
      rng.pick(PAYMENT_TERMS),
      opts.ownerIds[ownerIndex]!,
      JSON.stringify(tagList),
      at,
      at,
    );
    for (const tag of tagList) {
      insertTag.run(id, tag);
      tags++;
    }
  }
  return { ids, names, domains, owner, tags, segments: segments.length * 2 };
}

const COUNTRIES = [
  { value: 'DE', weight: 90 },
  { value: 'AT', weight: 6 },
  { value: 'CH', weight: 4 },
];
const PAYMENT_TERMS = [14, 30, 30, 30, 45, 60];

// ─── contacts ────────────────────────────────────────────────────────────────────────────────────

function insertContacts(
  sqlite: SQLite.Database,
  opts: CrmOptions,
  p: NamePools,
  rng: Rng,
  uuid: (ms: number) => string,
  companies: { ids: string[]; domains: (string | null)[]; owner: Uint32Array },
) {
  const insert = sqlite.prepare(
    `INSERT INTO contacts (id, company_id, first_name, last_name, position, emails, primary_email, phones,
       preferred_language, email_consent, consent_at, opt_out, notes, owner_id, merged_into_id, merged_at,
       created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, ?, 1)`,
  );
  const insertEmail = sqlite.prepare(
    'INSERT INTO contact_emails (contact_id, address, domain, position) VALUES (?, ?, ?, 0)',
  );
  const n = opts.rows;
  const nCompanies = companies.ids.length;
  const ids: string[] = new Array(n);
  const company = new Uint32Array(n);
  const step = (CRM_END - 20 * DAY - COMPANIES_FROM) / n;
  for (let i = 0; i < n; i++) {
    const created = COMPANIES_FROM + Math.floor(i * step);
    // a contact joins a company created before it
    const c = rng.int(Math.max(1, Math.min(nCompanies, Math.floor((i + 1) * (nCompanies / n)))));
    const id = uuid(created);
    const first = rng.pick(p.firstNames);
    const last = rng.pick(p.lastNames);
    const domain = companies.domains[c] ?? null;
    const address = domain
      ? `${slug(first)}.${slug(last)}@${domain}`
      : `${slug(first)}.${slug(last)}${i}@${rng.pick(p.mailDomains)}`;
    const at = isoSeconds(created);
    const consent = rng.chance(0.3);
    ids[i] = id;
    company[i] = c;
    insert.run(
      id,
      companies.ids[c]!,
      first,
      last,
      rng.chance(0.7) ? rng.pick(p.positions) : null,
      JSON.stringify([{ address, label: rng.chance(0.5) ? 'Büro' : null }]),
      address,
      rng.chance(0.8)
        ? JSON.stringify([
            { number: `+49 ${rng.between(30, 9999)} ${rng.between(100_000, 9_999_999)}`, label: 'Büro' },
          ])
        : '[]',
      rng.chance(0.92) ? 'de' : 'en',
      consent ? 1 : 0,
      consent ? at : null,
      rng.chance(0.03) ? 1 : 0,
      opts.ownerIds[companies.owner[c]!]!,
      at,
      at,
    );
    insertEmail.run(id, address, address.slice(address.indexOf('@') + 1));
  }
  return { ids, company };
}

// ─── deals and their stage history ───────────────────────────────────────────────────────────────

const OPEN_STAGES = 4;
const WON = 4;
const LOST = 5;
const MAX_ENTRIES = 12;
const SOURCES = [
  { value: 'website', weight: 25 },
  { value: 'referral', weight: 20 },
  { value: 'fair', weight: 12 },
  { value: 'cold_call', weight: 15 },
  { value: 'campaign', weight: 13 },
  { value: 'partner', weight: 8 },
  { value: 'other', weight: 7 },
];

/** The stage history of all deals, column-wise (millions of entries). */
class History {
  n = 0;
  deal: Uint32Array;
  from: Int8Array;
  to: Uint8Array;
  /** Seconds since DEALS_FROM. */
  at: Float64Array;
  left: Float64Array;
  first: Uint8Array;
  advanced: Uint8Array;
  constructor(capacity: number) {
    this.deal = new Uint32Array(capacity);
    this.from = new Int8Array(capacity);
    this.to = new Uint8Array(capacity);
    this.at = new Float64Array(capacity);
    this.left = new Float64Array(capacity).fill(-1);
    this.first = new Uint8Array(capacity);
    this.advanced = new Uint8Array(capacity);
  }
}

/** Seconds to the next move: exponential around `meanDays`, at least an hour. */
const waitSeconds = (rng: Rng, meanDays: number) =>
  Math.max(3600, Math.round(-Math.log(1 - rng.next()) * meanDays * 86_400));

/**
 * One deal's way through the pipeline (stages 0–3 open, 4 won, 5 lost), appended to `h`; returns
 * the index of its last entry. Open deals move on, back, or get lost; a few closed ones reopen.
 * Tuned for about five entries per deal, and roughly a third each open, won and lost at the end.
 */
function walkDeal(h: History, rng: Rng, deal: number, createdSec: number, endSec: number): number {
  const firstEntryOf = new Int32Array(6).fill(-1);
  let stage = 0;
  let lastOpen = 0;
  let t = createdSec;
  const push = (from: number, to: number) => {
    const k = h.n++;
    h.deal[k] = deal;
    h.from[k] = from;
    h.to[k] = to;
    h.at[k] = t;
    if (firstEntryOf[to] === -1) {
      firstEntryOf[to] = k;
      h.first[k] = 1;
    }
    return k;
  };
  let current = push(-1, 0);
  for (let entries = 1; entries < MAX_ENTRIES; entries++) {
    let next: number;
    const r = rng.next();
    if (stage < OPEN_STAGES) {
      if (r < 0.055) break; // still open here
      if (r < 0.155) next = LOST;
      else if (r < 0.395 && stage > 0) next = stage - 1;
      else next = stage === OPEN_STAGES - 1 ? WON : stage + 1;
    } else if (stage === WON) {
      if (r < 0.95) break;
      next = OPEN_STAGES - 1;
    } else {
      if (r < 0.85) break;
      next = lastOpen;
    }
    const when = t + waitSeconds(rng, stage < OPEN_STAGES ? 14 + stage * 6 : 40);
    if (when > endSec) break;
    h.left[current] = when;
    if (stage < OPEN_STAGES && (next === WON || (next < OPEN_STAGES && next > stage))) {
      h.advanced[firstEntryOf[stage]!] = 1;
    }
    t = when;
    if (stage < OPEN_STAGES) lastOpen = stage;
    current = push(stage, next);
    stage = next;
  }
  return current;
}

function insertDeals(
  sqlite: SQLite.Database,
  opts: CrmOptions,
  p: NamePools,
  rng: Rng,
  uuid: (ms: number) => string,
  companies: { ids: string[]; names: string[]; owner: Uint32Array },
  contacts: { ids: string[]; company: Uint32Array },
) {
  const insert = sqlite.prepare(
    `INSERT INTO deals (id, title, company_id, contact_id, owner_id, team_id, source, expected_close_date, currency,
       pipeline_id, stage_id, status, amount_cents, has_lines, stage_entered_at, won_at, lost_at, closed_at,
       lost_reason, lost_reason_id, created_by, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 'EUR', ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const n = opts.rows;
  const stageIds = DEFAULT_STAGES.map((s) => s.id);
  const kinds = DEFAULT_STAGES.map((s) => s.kind);
  const h = new History(n * MAX_ENTRIES);
  const amount = new Float64Array(n);
  const owner = new Uint32Array(n);
  const createdAt: string[] = new Array(n);
  const dealIds: string[] = new Array(n);
  const dealsPerStage = new Array<number>(stageIds.length).fill(0);
  const endSec = (CRM_END - DEALS_FROM) / 1000;
  const step = (CRM_END - 2 * DAY - DEALS_FROM) / n;
  const nContacts = contacts.ids.length;
  const nCompanies = companies.ids.length;
  const companyStep = (CRM_END - 30 * DAY - COMPANIES_FROM) / nCompanies;
  const contactStep = (CRM_END - 20 * DAY - COMPANIES_FROM) / nContacts;
  for (let i = 0; i < n; i++) {
    const created = DEALS_FROM + Math.floor((i * step) / 1000) * 1000;
    const createdSec = (created - DEALS_FROM) / 1000;
    const id = uuid(created);
    // companies and contacts that existed when the deal was made
    const knownContacts = Math.max(
      1,
      Math.min(nContacts, Math.floor((created - COMPANIES_FROM) / contactStep)),
    );
    const knownCompanies = Math.max(
      1,
      Math.min(nCompanies, Math.floor((created - COMPANIES_FROM) / companyStep)),
    );
    const contact = rng.chance(0.7) ? rng.int(knownContacts) : null;
    const c = contact !== null ? contacts.company[contact]! : rng.int(knownCompanies);
    const ownerIndex = rng.chance(0.8) ? companies.owner[c]! : rng.int(opts.ownerIds.length);
    const cents = Math.round(Math.exp(Math.log(500) + rng.next() * Math.log(1000))) * 100;
    const start = h.n;
    const last = walkDeal(h, rng, i, createdSec, endSec);
    const stage = h.to[last]!;
    const kind = kinds[stage]!;
    const enteredMs = DEALS_FROM + h.at[last]! * 1000;
    const entered = isoSeconds(enteredMs);
    const at = isoSeconds(created);
    const lost = kind === 'lost' ? rng.pick(DEFAULT_LOST_REASONS) : null;
    dealIds[i] = id;
    amount[i] = cents;
    owner[i] = ownerIndex;
    createdAt[i] = at;
    dealsPerStage[stage]!++;
    const title = rng.chance(0.5)
      ? `${rng.pick(p.dealKinds)} ${rng.pick(p.products)}`
      : `${rng.pick(p.products)} ${companies.names[c]!.split(/[ &-]/)[0]}`;
    insert.run(
      id,
      title,
      companies.ids[c]!,
      contact === null ? null : contacts.ids[contact]!,
      opts.ownerIds[ownerIndex]!,
      rng.weighted(SOURCES),
      isoDate(created + rng.between(30, 180) * DAY),
      DEFAULT_PIPELINE_ID,
      stageIds[stage]!,
      kind,
      cents,
      entered,
      kind === 'won' ? entered : null,
      kind === 'lost' ? entered : null,
      kind === 'open' ? null : entered,
      lost?.name ?? null,
      lost?.id ?? null,
      opts.ownerIds[ownerIndex]!,
      at,
      entered,
      last - start + 1, // version: one per change (creation and each move)
    );
  }
  return { h, amount, owner, createdAt, dealIds, stageIds, dealsPerStage };
}

/** Writes the stage history in the order it happened (so rowids and UUIDv7 ids grow with time). */
function insertHistory(
  sqlite: SQLite.Database,
  opts: CrmOptions,
  uuid: (ms: number) => string,
  deals: ReturnType<typeof insertDeals>,
): number {
  const { h, stageIds } = deals;
  // sort by (time, entry): both packed into one double, sorted natively
  const keys = new Float64Array(h.n);
  const SHIFT = 2 ** 26;
  if (h.n >= SHIFT) throw new Error('too many history entries for the sort key');
  for (let k = 0; k < h.n; k++) keys[k] = h.at[k]! * SHIFT + k;
  keys.sort();
  const insert = sqlite.prepare(
    `INSERT INTO deal_stage_history (id, deal_id, pipeline_id, from_stage_id, to_stage_id, changed_by, changed_at,
       amount_cents, deal_created_at, first_entry, advanced, left_at, stay_seconds)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let j = 0; j < h.n; j++) {
    const k = keys[j]! % SHIFT;
    const d = h.deal[k]!;
    const atMs = DEALS_FROM + h.at[k]! * 1000;
    const from = h.from[k]!;
    const left = h.left[k]!;
    insert.run(
      uuid(atMs),
      deals.dealIds[d]!,
      DEFAULT_PIPELINE_ID,
      from < 0 ? null : stageIds[from]!,
      stageIds[h.to[k]!]!,
      opts.ownerIds[deals.owner[d]!]!,
      isoSeconds(atMs),
      deals.amount[d]!,
      deals.createdAt[d]!,
      h.first[k]!,
      h.advanced[k]!,
      left < 0 ? null : isoSeconds(DEALS_FROM + left * 1000),
      left < 0 ? null : left - h.at[k]!,
    );
  }
  return h.n;
}

// ─── all of it ──────────────────────────────────────────────────────────────────────────────────

/**
 * Fills companies (with tags and segments), contacts (with e-mail rows), deals and their stage
 * history. Secondary indexes are dropped for the load and built again at the end (what a bulk
 * load does; the schema afterwards is exactly the migrated one).
 */
export function insertCrmData(
  sqlite: SQLite.Database,
  opts: CrmOptions,
): { data: CrmData; timings: CrmTimings } {
  const pools = makePools(opts.seed);
  const rng = makeRng(opts.seed ^ 0x5eed);
  const uuid = uuidv7Factory(makeRng(opts.seed ^ 0x1d5).uint32);
  const tables = ['companies', 'company_tags', 'contacts', 'contact_emails', 'deals', 'deal_stage_history'];
  const restore = dropIndexes(sqlite, tables);
  const timings: CrmTimings = { companies: 0, contacts: 0, deals: 0, indexes: 0 };
  const timed = <T>(key: keyof CrmTimings, fn: () => T): T => {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      timings[key] += (performance.now() - t0) / 1000;
    }
  };
  const companies = timed('companies', () =>
    inTransaction(sqlite, () => insertCompanies(sqlite, opts, pools, rng, uuid)),
  );
  const contacts = timed('contacts', () =>
    inTransaction(sqlite, () => insertContacts(sqlite, opts, pools, rng, uuid, companies)),
  );
  const { deals, history } = timed('deals', () =>
    inTransaction(sqlite, () => {
      const deals = insertDeals(sqlite, opts, pools, rng, uuid, companies, contacts);
      return { deals, history: insertHistory(sqlite, opts, uuid, deals) };
    }),
  );
  timed('indexes', () => inTransaction(sqlite, restore));
  return {
    data: {
      pools,
      companies: companies.ids.length,
      companyTags: companies.tags,
      contacts: contacts.ids.length,
      deals: deals.dealIds.length,
      history,
      segments: companies.segments,
      companyIds: companies.ids,
      companyNames: companies.names,
      companyOwner: companies.owner,
      contactIds: contacts.ids,
      contactCompany: contacts.company,
      pipelineId: DEFAULT_PIPELINE_ID,
      stageIds: deals.stageIds,
      dealsPerStage: deals.dealsPerStage,
    },
    timings,
  };
}
