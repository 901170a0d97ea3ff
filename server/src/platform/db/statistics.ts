import { sql } from 'kysely';
import type { DbOrTx } from './database';

/**
 * Refreshes the query planner's statistics (`ANALYZE`, the same statement on both dialects).
 * Call after bulk writes (demo seed, large imports): without statistics PostgreSQL assumes tiny
 * tables and picks nested loops that probe every row — a duplicate check took ~300 ms instead of
 * ~3 ms on the freshly seeded demo data. Autovacuum catches up later by itself; this is for "now".
 */
export async function refreshStatistics(db: DbOrTx): Promise<void> {
  await sql`analyze`.execute(db);
}
