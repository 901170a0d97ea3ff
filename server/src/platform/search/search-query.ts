import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../../../contracts/permissions';
import { SEARCH_TYPES, type SearchType } from '../../../../contracts/search';
import { type Actor, scopeOf } from '../actor';
import type { Database, Db, DbOrTx, Dialect } from '../db/database';
import { preparedQuery } from '../db/prepared-query';
import { visibleTo } from '../db/visibility';
import { dialectOf } from './dialect';
import { type ParsedQuery, parseQuery } from './normalize';

export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  subtitle: string | null;
  parentName: string | null;
}

/**
 * How a search runs — four small queries, each bounded however many records match:
 * 1. exact titles: the title is the query ("Müller" for "muller"), an index lookup;
 * 2. titles starting with the query, closest first (key order), index range scans on each
 *    spelling's key (type-ahead: "mül" lists "Müller", "Müller Bau" … first);
 * 3. full text, for the other records: every word (2+ characters) the beginning of a word in any
 *    field, ranked by relevance among the first FULL_TEXT_WINDOW matches the caller may see (the
 *    newest on SQLite, in table order on PostgreSQL), so a word in half the records ("gmbh") costs
 *    no more than a rare one. Relevance weighs title words most, then the other fields, then the company's name:
 *    ts_rank on PostgreSQL (weights A 1.0, B 0.3, C 0.1); on SQLite the same 10 / 3 / 1 per word
 *    found in each field, shorter titles first — not FTS5's bm25(), whose document frequencies
 *    cost a scan of every matching row per query (25–45 ms for a word in 140,000 of 1M records).
 * One-character words are the beginning of a word when the query has longer words (checked on the
 * window's rows, not through the index: "m*" would touch every m-word); alone, they find titles
 * starting with them and words that are just that character ("Halle 7").
 * Results come in that order, each record once; titles starting with the query take at most half
 * of the page before the full-text matches (then the rest, if there is room).
 */
export const FULL_TEXT_WINDOW = 200;

/**
 * The query in each engine's syntax, built from normalised words only (letters and digits), so no
 * input can inject search syntax: every word is a prefix, alternatives (spellings) are ORed, words
 * are ANDed.
 * - SQLite FTS5: `("muller"* OR "mueller"*) AND ("bau"*)`
 * - PostgreSQL:  `(muller:* | mueller:*) & (bau:*)`
 */
export function matchExpression(dialect: Dialect, words: ParsedQuery['words'], prefix = true): string {
  if (dialect === 'postgres') {
    const term = prefix ? (s: string) => `${s}:*` : (s: string) => s;
    return words.map((spellings) => `(${spellings.map(term).join(' | ')})`).join(' & ');
  }
  const term = prefix ? (s: string) => `"${s}"*` : (s: string) => `"${s}"`;
  return words.map((spellings) => `(${spellings.map(term).join(' OR ')})`).join(' AND ');
}

/** Values of a search; `team<n>` and `short<n>` as many as the prepared shape has. */
type Params = {
  match: string;
  key: string;
  keyAlt: string;
  keyEnd: string;
  keyAltEnd: string;
  type0: string;
  type1: string;
  type2: string;
  userId: string;
  limit: number;
  window: number;
} & Record<`team${number}` | `short${number}` | `word${number}a` | `word${number}b`, string>;

interface Row {
  entity_type: SearchType;
  entity_id: string;
  title: string;
  subtitle: string | null;
  parent_name: string | null;
  /** The prefix probes: the title key they matched (their results are merged in key order). */
  sort_key?: string;
}

type Probe = 'exact' | 'prefix' | 'prefixAlt' | 'text';
type DocBuilder = ExpressionBuilder<Database & { d: Database['search_documents'] }, 'd'>;

/** The greatest code point: `key` ≤ k < `key` + MAX_CHAR is "k starts with key" (binary order). */
const MAX_CHAR = '\u{10FFFF}';
const COLUMNS = ['d.entity_type', 'd.entity_id', 'd.title', 'd.subtitle', 'd.parent_name'] as const;

/**
 * SQLite's relevance of a full-text match: per query word, 10 when a title word begins with it, 3
 * when another field's does, 1 when the company's name's does (`word<i>a` / `word<i>b`: the word's
 * spellings as LIKE patterns on the space-separated terms).
 */
function sqliteRelevance(p: Params, words: number) {
  if (words === 0) return sql<number>`0`;
  const has = (column: string, i: number) => {
    const text = sql`(' ' || ${sql.ref(column)})`;
    return sql`(case when ${text} like ${p[`word${i}a`]} or ${text} like ${p[`word${i}b`]} then 1 else 0 end)`;
  };
  const parts = Array.from(
    { length: words },
    (_, i) =>
      sql`10 * ${has('d.title_terms', i)} + 3 * ${has('d.body_terms', i)} + ${has('d.parent_terms', i)}`,
  );
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

/** What a prepared query's SQL depends on besides the values. */
interface Shape {
  scope: Scope;
  teams: number;
  /** One-character words checked on the full-text window (with longer words only). */
  shortWords: number;
  /** Words of 2+ characters (SQLite's relevance checks each per field). */
  longWords: number;
}

/** The query of one probe for one shape, with stand-ins for the values (prepared once). */
function build(db: Db, p: Params, probe: Probe, shape: Shape) {
  const { scope, teams, shortWords, longWords } = shape;
  const postgres = dialectOf(db) === 'postgres';
  const actor: Actor = {
    userId: p.userId,
    name: null,
    role: null,
    teamIds: Array.from({ length: teams }, (_, i) => p[`team${i}`] as string),
    origin: null,
  };
  const visible = visibleTo(actor, { ownerColumn: 'd.owner_id', teamColumn: 'd.team_id', scope });
  const ofTypes = (eb: DocBuilder) => eb('d.entity_type', 'in', [p.type0, p.type1, p.type2] as SearchType[]);
  // binary order for the prefix ranges (PostgreSQL's default collation is the locale's)
  const key = postgres ? sql`d.title_key collate "C"` : sql`d.title_key`;
  const keyAlt = postgres ? sql`d.title_key_alt collate "C"` : sql`d.title_key_alt`;

  if (probe === 'exact') {
    return db
      .selectFrom('search_documents as d')
      .select([...COLUMNS, sql<string>`''`.as('sort_key')])
      .where(sql<SqlBool>`(${key} in (${p.key}, ${p.keyAlt}) or ${keyAlt} in (${p.key}, ${p.keyAlt}))`)
      .where(ofTypes)
      .where(visible)
      .orderBy('d.title')
      .limit(p.limit);
  }
  if (probe === 'prefix' || probe === 'prefixAlt') {
    // in key order, so the scan stops after `limit` rows: the titles closest to the query first
    const [column, from, to] = probe === 'prefix' ? [key, p.key, p.keyEnd] : [keyAlt, p.keyAlt, p.keyAltEnd];
    return db
      .selectFrom('search_documents as d')
      .select([...COLUMNS, sql<string>`${column}`.as('sort_key')])
      .where(sql<SqlBool>`${column} >= ${from}`)
      .where(sql<SqlBool>`${column} < ${to}`)
      .where(ofTypes)
      .where(visible)
      .orderBy(column)
      .limit(p.limit);
  }

  // the titles the prefix probes find are theirs: the full text brings the others
  const notPrefixed = sql<SqlBool>`not ((${key} >= ${p.key} and ${key} < ${p.keyEnd}) or (${keyAlt} >= ${p.keyAlt} and ${keyAlt} < ${p.keyAltEnd}))`;
  const terms = sql`(' ' || d.title_terms || ' ' || d.body_terms || ' ' || d.parent_terms)`;
  const shortFilters = Array.from(
    { length: shortWords },
    (_, i) => sql<SqlBool>`${terms} like ${p[`short${i}`]}`,
  );
  if (postgres) {
    const query = sql`to_tsquery('simple', ${p.match})`;
    let window = db
      .selectFrom('search_documents as d')
      .select([...COLUMNS, sql<number>`ts_rank('{0.1, 0.1, 0.3, 1.0}', d.tsv, ${query})`.as('score')])
      .where(sql<SqlBool>`d.tsv @@ ${query}`)
      .where(ofTypes)
      .where(visible)
      .where(notPrefixed);
    for (const f of shortFilters) window = window.where(f);
    return db
      .selectFrom(window.limit(p.window).as('w'))
      .select(['w.entity_type', 'w.entity_id', 'w.title', 'w.subtitle', 'w.parent_name'])
      .orderBy('w.score', 'desc')
      .orderBy('w.title')
      .limit(p.limit);
  }
  let window = db
    .selectFrom('search_fts')
    .innerJoin('search_documents as d', 'd.rid', 'search_fts.rowid')
    .select([...COLUMNS, sqliteRelevance(p, longWords).as('score')])
    .where(sql<SqlBool>`search_fts match ${p.match}`)
    .where(ofTypes)
    .where(visible)
    .where(notPrefixed);
  for (const f of shortFilters) window = window.where(f);
  return db
    .selectFrom(window.orderBy('search_fts.rowid', 'desc').limit(p.window).as('w'))
    .select(['w.entity_type', 'w.entity_id', 'w.title', 'w.subtitle', 'w.parent_name'])
    .orderBy('w.score', 'desc')
    .orderBy(sql`length(w.title)`)
    .orderBy('w.title')
    .limit(p.limit);
}

/**
 * One prepared query per probe and shape: built and compiled once, each search only binds values
 * (platform/db/prepared-query.ts).
 */
const prepared = new Map<string, (db: DbOrTx, params: Params) => Promise<Row[]>>();
function run(db: DbOrTx, params: Params, probe: Probe, shape: Shape) {
  const cacheKey = `${probe}:${shape.scope}:${shape.teams}:${shape.shortWords}:${shape.longWords}`;
  let q = prepared.get(cacheKey);
  if (!q) {
    q = preparedQuery((db, p: Params) => build(db, p, probe, shape));
    prepared.set(cacheKey, q);
  }
  return q(db, params);
}

export interface SearchOptions {
  q: string;
  types?: readonly SearchType[];
  limit: number;
}

/**
 * Finds the records the actor may see (owner / team scope of their role, the same rule as the
 * domains' lists), best first. A query without words (only punctuation) finds nothing.
 */
export async function searchIndex(db: DbOrTx, actor: Actor, opts: SearchOptions): Promise<SearchHit[]> {
  const query = parseQuery(opts.q);
  const types = (opts.types ?? SEARCH_TYPES).filter((t) => SEARCH_TYPES.includes(t));
  if (!query || types.length === 0 || opts.limit < 1) return [];
  const scope = scopeOf(actor);
  if (scope !== 'all' && !actor.userId) return [];
  const teamIds = scope === 'team' ? actor.teamIds : [];
  const long = query.words.filter((w) => w[0]!.length > 1);
  const short = query.words.filter((w) => w[0]!.length === 1);
  const [key, keyAlt] = query.keys;
  const params: Params = {
    match: long.length ? matchExpression(dialectOf(db), long) : matchExpression(dialectOf(db), short, false),
    key,
    keyAlt,
    keyEnd: key + MAX_CHAR,
    keyAltEnd: keyAlt + MAX_CHAR,
    type0: types[0] ?? '',
    type1: types[1] ?? '',
    type2: types[2] ?? '',
    userId: actor.userId ?? '',
    limit: opts.limit,
    window: FULL_TEXT_WINDOW,
  };
  teamIds.forEach((id, i) => {
    params[`team${i}`] = id;
  });
  // with longer words, a one-character word is the beginning of some word ('ä' as 'a' covers "ae…")
  const shortFilters = long.length ? short : [];
  shortFilters.forEach((w, i) => {
    params[`short${i}`] = `% ${w[0]}%`;
  });
  long.forEach((w, i) => {
    params[`word${i}a`] = `% ${w[0]}%`;
    params[`word${i}b`] = `% ${w[1] ?? w[0]}%`;
  });
  const shape: Shape = {
    scope,
    teams: teamIds.length,
    shortWords: shortFilters.length,
    longWords: long.length,
  };
  const base = { ...shape, shortWords: 0, longWords: 0 };

  const byKey = new Map<string, Row>();
  for (const r of [
    ...(await run(db, params, 'prefix', base)),
    ...(await run(db, params, 'prefixAlt', base)),
  ]) {
    if (!byKey.has(`${r.entity_type}:${r.entity_id}`)) byKey.set(`${r.entity_type}:${r.entity_id}`, r);
  }
  const prefixed = [...byKey.values()].sort((a, b) =>
    a.sort_key! < b.sort_key! ? -1 : a.sort_key! > b.sort_key! ? 1 : 0,
  );
  const exact = await run(db, params, 'exact', base);
  const text = await run(db, params, 'text', shape);
  // titles starting with a short query can fill any page ("sch"): they get half of it, the
  // full-text matches ("Anna Schmidt") the rest, then more of them if there is room
  const half = Math.ceil(opts.limit / 2);
  const results: Row[][] = [exact, prefixed.slice(0, half), text, prefixed.slice(half)];
  const seen = new Set<string>();
  const hits: SearchHit[] = [];
  for (const r of results.flat()) {
    const k = `${r.entity_type}:${r.entity_id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    hits.push({
      type: r.entity_type,
      id: r.entity_id,
      title: r.title,
      subtitle: r.subtitle,
      parentName: r.parent_name,
    });
    if (hits.length === opts.limit) break;
  }
  return hits;
}
