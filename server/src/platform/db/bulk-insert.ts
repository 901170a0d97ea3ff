import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Database, DbOrTx } from './database';

/**
 * Most parameters one statement binds: SQLite allows 32,766, PostgreSQL 65,535. Rows per statement
 * follow from the column count (500 rows of up to 60 columns).
 */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 500;

const statements = new Map<string, string>();

/** `insert into "t" ("a", "b") values (?, ?), (?, ?)` for a dialect and row count, built once. */
function insertStatement(postgres: boolean, table: string, columns: readonly string[], rows: number): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}`;
  let text = statements.get(key);
  if (!text) {
    let n = 0;
    const ph = postgres ? () => `$${++n}` : () => '?';
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) tuples.push(`(${columns.map(ph).join(', ')})`);
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`;
    if (statements.size > 500) statements.clear();
    statements.set(key, text);
  }
  return text;
}

/**
 * Inserts many rows of one table in multi-row statements, without building a Kysely query per row:
 * the SQL text of each batch size is made once (and SQLite's prepared statement cache keeps the
 * statement), values are bound as parameters. For imports and seeds; `rows` all have the same keys
 * (the first row's keys are the columns). Runs in the caller's transaction when given one.
 */
export async function insertRows<T extends keyof Database & string>(
  db: DbOrTx,
  table: T,
  rows: ReadonlyArray<Database[T]>,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first as object);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  let i = 0;
  for (const count of statementSizes(rows.length, perStatement, postgres)) {
    const params: unknown[] = new Array(count * columns.length);
    let p = 0;
    for (let r = i; r < i + count; r++) {
      const row = rows[r] as unknown as Record<string, unknown>;
      for (const c of columns) {
        const v = row[c];
        params[p++] = v === undefined ? null : v;
      }
    }
    await db.executeQuery(CompiledQuery.raw(insertStatement(postgres, table, columns, count), params));
    i += count;
  }
}

/**
 * The row counts of the statements for `total` rows: full statements, then the rest — on SQLite in
 * powers of two (137 → 128 + 8 + 1). SQLite prepares each statement text, and preparing a long
 * insert costs more than running it: callers with a different row count every time (the runs a
 * relay batch starts) would prepare anew each time; this way a table has a dozen texts at most.
 * PostgreSQL does not prepare them: one statement per round trip is cheaper there.
 */
function statementSizes(total: number, perStatement: number, postgres: boolean): number[] {
  const sizes: number[] = [];
  let left = total;
  for (; left >= perStatement; left -= perStatement) sizes.push(perStatement);
  if (postgres) {
    if (left > 0) sizes.push(left);
    return sizes;
  }
  for (let size = 2 ** Math.floor(Math.log2(perStatement)); size >= 1; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}
