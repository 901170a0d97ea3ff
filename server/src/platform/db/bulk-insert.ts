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
  for (let i = 0; i < rows.length; i += perStatement) {
    const count = Math.min(perStatement, rows.length - i);
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
  }
}
