import { type Kysely, sql } from 'kysely';
import { dialectOf } from './dialect';

/**
 * The search index's tables, as migration `2026_11_26_1400_create_search` creates them. Kept here
 * with the rest of the dialect-specific search SQL; a later change of the schema is a new function
 * called by a new migration, never an edit of this one (it is part of the migration history).
 *
 * `search_documents` holds one row per findable record, the same on both dialects: what is shown
 * (title, subtitle, parent name), who may see it (owner, team), the keys of the ranking and the
 * terms (normalised in the application, see normalize.ts) in three weighted parts: title, body,
 * parent (the company a contact or deal belongs to). The full-text index over the terms is
 * - SQLite: an FTS5 table with the row as external content (unicode61, remove_diacritics 2, prefix
 *   indexes for 2 and 3 characters), kept in step by triggers, so every write to
 *   `search_documents` updates the index in the same transaction;
 * - PostgreSQL: a stored generated `tsvector` ('simple' configuration, weights A/B/C) with a GIN index.
 */
export async function createSearchSchemaV1(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  let table = db.schema
    .createTable('search_documents')
    .addColumn('rid', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey(),
    )
    /** 'company' | 'contact' | 'deal' */
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    /** The company a contact or deal belongs to (renames and merges of it follow to its children). */
    .addColumn('parent_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('parent_name', 'text')
    /** Visibility, as the record's domain applies it (a contact's are its company's). */
    .addColumn('owner_id', 'text')
    .addColumn('team_id', 'text')
    /** 1: owner and team are the parent's and change with it (contacts). */
    .addColumn('follows_parent', 'integer', (c) => c.notNull().defaultTo(0))
    /** The title as normalised words, accent-free and with umlauts spelled out (exact-match ranking). */
    .addColumn('title_key', 'text', (c) => c.notNull())
    .addColumn('title_key_alt', 'text', (c) => c.notNull())
    .addColumn('title_terms', 'text', (c) => c.notNull())
    .addColumn('body_terms', 'text', (c) => c.notNull())
    .addColumn('parent_terms', 'text', (c) => c.notNull());
  if (dialect === 'postgres') {
    table = table.addColumn('tsv', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || setweight(to_tsvector('simple'::regconfig, body_terms), 'B') || setweight(to_tsvector('simple'::regconfig, parent_terms), 'C')`,
        )
        .stored()
        .notNull(),
    );
  }
  await table.execute();
  // id first: a leading entity_type would tempt the planners to filter types through it
  await db.schema
    .createIndex('search_documents_entity')
    .on('search_documents')
    .columns(['entity_id', 'entity_type'])
    .unique()
    .execute();
  await db.schema.createIndex('search_documents_parent').on('search_documents').column('parent_id').execute();
  // exact and starts-with matches of titles: binary order on both dialects (PostgreSQL: collation "C")
  for (const column of ['title_key', 'title_key_alt']) {
    await db.schema
      .createIndex(`search_documents_${column}`)
      .on('search_documents')
      .expression(dialect === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql.ref(column))
      .execute();
  }

  if (dialect === 'postgres') {
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
    // for people who see only their own or their teams' records: the planner ANDs these bitmaps with
    // the full-text index's instead of visiting every match (SQLite's planner has no statistics to
    // choose well between them and FTS5, so it gets none)
    await db.schema.createIndex('search_documents_owner').on('search_documents').column('owner_id').execute();
    await db.schema.createIndex('search_documents_team').on('search_documents').column('team_id').execute();
    return;
  }
  await sql`create virtual table search_fts using fts5(
    title_terms, body_terms, parent_terms,
    content = 'search_documents', content_rowid = 'rid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  )`.execute(db);
  const cols = sql.raw('title_terms, body_terms, parent_terms');
  const oldValues = sql.raw("'delete', old.rid, old.title_terms, old.body_terms, old.parent_terms");
  const newValues = sql.raw('new.rid, new.title_terms, new.body_terms, new.parent_terms');
  await sql`create trigger search_documents_ai after insert on search_documents begin
    insert into search_fts (rowid, ${cols}) values (${newValues});
  end`.execute(db);
  await sql`create trigger search_documents_ad after delete on search_documents begin
    insert into search_fts (search_fts, rowid, ${cols}) values (${oldValues});
  end`.execute(db);
  await sql`create trigger search_documents_au after update of title_terms, body_terms, parent_terms on search_documents begin
    insert into search_fts (search_fts, rowid, ${cols}) values (${oldValues});
    insert into search_fts (rowid, ${cols}) values (${newValues});
  end`.execute(db);
}
