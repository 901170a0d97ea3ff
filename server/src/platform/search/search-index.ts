import { CompiledQuery, sql } from 'kysely';
import type { SearchType } from '../../../../contracts/search';
import type { DbOrTx, Dialect, Tx } from '../db/database';
import { dialectOf } from './dialect';
import { searchTerms, titleForms } from './normalize';

/** One findable record in the index (see search-schema.ts). */
export interface SearchDocumentsTable {
  rid: number;
  entity_type: SearchType;
  entity_id: string;
  parent_id: string | null;
  title: string;
  subtitle: string | null;
  parent_name: string | null;
  owner_id: string | null;
  team_id: string | null;
  follows_parent: number;
  title_key: string;
  title_key_alt: string;
  title_terms: string;
  body_terms: string;
  parent_terms: string;
}

/** SQLite only: the FTS5 index over search_documents (`search_fts match '…'`, `bm25(search_fts)`). */
export interface SearchFtsTable {
  rowid: number;
  search_fts: string;
  title_terms: string;
  body_terms: string;
  parent_terms: string;
}

declare module '../db/database' {
  interface Database {
    search_documents: SearchDocumentsTable;
    search_fts: SearchFtsTable;
  }
}

/**
 * A record as the global search finds and shows it. The record's domain (or an import) says what
 * it is called and who may see it; the index normalises the text itself.
 */
export interface SearchDocument {
  type: SearchType;
  id: string;
  /** Shown and weighted most: a company's name, a contact's full name, a deal's title. */
  title: string;
  /** Shown under the title (a company's city, a contact's position). */
  subtitle?: string | null;
  /**
   * The company a contact or deal belongs to: its name is found and shown with the record, and
   * follows renames and merges of the company (updateSearchParent, moveSearchChildren).
   */
  parent?: { id: string; name: string } | null;
  /** Who may find the record: the owner / team columns its domain filters with `visibleTo`. */
  ownerId: string | null;
  teamId: string | null;
  /** True when owner and team are the parent's (a contact's are its company's): they change with it. */
  followsParent?: boolean;
  /** More text to find the record by, not shown: legal name, e-mail addresses, phone numbers, tags … */
  keywords?: ReadonlyArray<string | null | undefined>;
}

const COLUMNS = [
  'entity_type',
  'entity_id',
  'parent_id',
  'title',
  'subtitle',
  'parent_name',
  'owner_id',
  'team_id',
  'follows_parent',
  'title_key',
  'title_key_alt',
  'title_terms',
  'body_terms',
  'parent_terms',
] as const satisfies ReadonlyArray<keyof SearchDocumentsTable>;

type Row = Omit<SearchDocumentsTable, 'rid'>;

function toRow(doc: SearchDocument): Row {
  const title = titleForms(doc.title);
  const parentName = doc.parent?.name;
  return {
    entity_type: doc.type,
    entity_id: doc.id,
    parent_id: doc.parent?.id ?? null,
    title: doc.title,
    subtitle: doc.subtitle || null,
    parent_name: doc.parent?.name ?? null,
    owner_id: doc.ownerId,
    team_id: doc.teamId,
    follows_parent: doc.followsParent ? 1 : 0,
    title_key: title.key,
    title_key_alt: title.keyAlt,
    title_terms: title.terms,
    body_terms: searchTerms(...(doc.keywords ?? [])),
    parent_terms: parentTerms(parentName),
  };
}

/** The terms of a parent's name, remembered for the next document (imports write a company's contacts together). */
let lastParent: { name: string; terms: string } | null = null;
function parentTerms(name: string | undefined): string {
  if (!name) return '';
  if (lastParent?.name !== name) lastParent = { name, terms: searchTerms(name) };
  return lastParent.terms;
}

/** Rows per statement: 14 parameters each, well below both databases' limits. */
const CHUNK = 400;

/**
 * `insert … on conflict (entity_type, entity_id) do update`, the same on both dialects but for the
 * placeholders; compiled once per dialect and row count (imports call this for every chunk).
 */
const upsertSql = new Map<string, string>();
function upsertStatement(dialect: Dialect, rows: number): string {
  const cacheKey = `${dialect}:${rows}`;
  let text = upsertSql.get(cacheKey);
  if (!text) {
    let n = 0;
    const ph = () => (dialect === 'postgres' ? `$${++n}` : '?');
    const tuples = Array.from({ length: rows }, () => `(${COLUMNS.map(ph).join(', ')})`);
    const updates = COLUMNS.slice(2).map((c) => `${c} = excluded.${c}`);
    text = `insert into search_documents (${COLUMNS.join(', ')}) values ${tuples.join(', ')} on conflict (entity_type, entity_id) do update set ${updates.join(', ')}`;
    upsertSql.set(cacheKey, text);
  }
  return text;
}

/**
 * Adds or replaces documents in the index, in the caller's transaction (so a record and its index
 * row commit together). For one record or a million: rows go in multi-row statements of 400.
 * A document listed twice counts once (the last).
 */
export async function indexDocuments(db: DbOrTx, docs: readonly SearchDocument[]): Promise<void> {
  if (docs.length === 0) return;
  const dialect = dialectOf(db);
  const unique = new Map<string, SearchDocument>();
  for (const doc of docs) unique.set(`${doc.type}:${doc.id}`, doc);
  const all = [...unique.values()];
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    const params: unknown[] = [];
    for (const doc of chunk) {
      const row = toRow(doc);
      for (const c of COLUMNS) params.push(row[c]);
    }
    await db.executeQuery(CompiledQuery.raw(upsertStatement(dialect, chunk.length), params));
  }
}

/** Takes records out of the index (merged away, deleted). */
export async function removeSearchDocuments(
  db: DbOrTx,
  type: SearchType,
  ids: readonly string[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db
      .deleteFrom('search_documents')
      .where('entity_type', '=', type)
      .where('entity_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
  }
}

export interface SearchParent {
  id: string;
  name: string;
  ownerId: string | null;
  teamId: string | null;
}

/**
 * The parent (a company) changed: its children's documents show and find its new name, and those
 * that follow its visibility (contacts) take its owner and team. Rows already up to date are left
 * alone, so saving a company without changing these costs two index lookups.
 */
export async function updateSearchParent(db: DbOrTx, parent: SearchParent): Promise<void> {
  await db
    .updateTable('search_documents')
    .set({ parent_name: parent.name, parent_terms: searchTerms(parent.name) })
    .where('parent_id', '=', parent.id)
    .where('parent_name', 'is distinct from', parent.name)
    .execute();
  await db
    .updateTable('search_documents')
    .set({ owner_id: parent.ownerId, team_id: parent.teamId })
    .where('parent_id', '=', parent.id)
    .where('follows_parent', '=', 1)
    .where((eb) =>
      eb.or([
        eb('owner_id', 'is distinct from', parent.ownerId),
        eb('team_id', 'is distinct from', parent.teamId),
      ]),
    )
    .execute();
}

/** The children of `fromParentId` (merged away) now belong to `to`: its name, and its visibility where they follow it. */
export async function moveSearchChildren(db: DbOrTx, fromParentId: string, to: SearchParent): Promise<void> {
  await db
    .updateTable('search_documents')
    .set({ parent_id: to.id, parent_name: to.name, parent_terms: searchTerms(to.name) })
    .where('parent_id', '=', fromParentId)
    .execute();
  await updateSearchParent(db, to);
}

/** Advisory lock key of index rebuilds ("search" in ASCII). */
const SEARCH_REBUILD_LOCK = 0x736561726368;

/**
 * Serialises rebuilds of the index: PostgreSQL takes a transaction-scoped advisory lock (several API
 * processes may start at once); SQLite has one writer anyway.
 */
export async function lockSearchIndex(trx: Tx): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${SEARCH_REBUILD_LOCK})`.execute(trx);
  }
}
/** Empties the index (before a rebuild, in the rebuild's transaction). */
export async function clearSearchIndex(db: DbOrTx): Promise<void> {
  await db.deleteFrom('search_documents').execute();
}

/** True when nothing is indexed yet (a database from before the index, or a new one). */
export async function isSearchIndexEmpty(db: DbOrTx): Promise<boolean> {
  const row = await db.selectFrom('search_documents').select('rid').limit(1).executeTakeFirst();
  return !row;
}
