import { setImmediate as nextTick } from 'node:timers/promises';
import { SqliteAdapter, sql } from 'kysely';
import type { DbOrTx } from './database';

/**
 * Refreshes the query planner's statistics (`ANALYZE`, on both dialects).
 * Call after bulk writes (demo seed, large imports): without statistics PostgreSQL assumes tiny
 * tables and picks nested loops that probe every row — a duplicate check took ~300 ms instead of
 * ~3 ms on the freshly seeded demo data. Autovacuum catches up later by itself; this is for "now".
 *
 * PostgreSQL samples (a fixed number of rows per table) and runs it in its own process. SQLite reads
 * every index whole, in the server's process and on its one connection: a single `ANALYZE` blocked
 * every request for 1.6 s at 200,000 rows. So SQLite analyzes one index at a time (one table at a
 * time for tables without an index) and lets other requests run in between: the same statistics
 * as one `ANALYZE` (checked: sqlite_stat1 and sqlite_stat4 alike), the longest pause that of the
 * largest index (~90 ms for 600,000 tasks). `PRAGMA analysis_limit` would be far quicker, but its
 * estimates are capped at the limit: `merged_into_id is null` then looks selective and company,
 * contact and deal list pages were planned on the `*_merged_into` indexes, 3–7 times slower.
 */
export async function refreshStatistics(db: DbOrTx): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`analyze`.execute(db);
    return;
  }
  const { rows } = await sql<{ name: string; tbl_name: string; type: string }>`
    select name, tbl_name, type from sqlite_schema
    where type in ('table', 'index') and tbl_name not like 'sqlite\\_%' escape '\\'
      and not (type = 'table' and sql like 'create virtual table%')
    order by tbl_name, type, name`.execute(db);
  const indexed = new Set(rows.filter((r) => r.type === 'index').map((r) => r.tbl_name));
  for (const r of rows) {
    if (r.type === 'table' && indexed.has(r.name)) continue; // analyzed through its indexes
    await sql`analyze ${sql.id(r.name)}`.execute(db);
    await nextTick();
  }
}
