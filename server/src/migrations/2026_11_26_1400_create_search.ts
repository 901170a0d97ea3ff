import type { Kysely } from 'kysely';
import { createSearchSchemaV1 } from '../platform/search/search-schema';

/**
 * The global search index (companies, contacts, deals): `search_documents` and its full-text index,
 * an FTS5 table on SQLite, a GIN-indexed tsvector on PostgreSQL (platform/search/search-schema.ts).
 * Records that exist already are indexed on the next start (the search module fills an empty index).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSearchSchemaV1(db);
}
