import { type SelectQueryBuilder, sql } from 'kysely';
import { AppError } from '../http/errors';

/**
 * Keyset pagination for every list: order by one sort column plus the id (unique tie-breaker),
 * and continue after the last row seen. The cursor is opaque to clients.
 */
export interface SortSpec {
  /** SQL column (qualified where joins make it ambiguous). */
  column: string;
  direction: 'asc' | 'desc';
}

/** `?sort=name` / `?sort=-name` → a whitelisted column. Unknown fields are a 400, not a silent default. */
export function parseSort(sort: string, columns: Record<string, string>): SortSpec {
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const field = sort.replace(/^-/, '');
  const column = columns[field];
  if (!column) {
    throw new AppError(
      'bad_request',
      'list.bad_sort',
      `Cannot sort by "${field}"; use one of: ${Object.keys(columns).join(', ')}`,
    );
  }
  return { column, direction };
}

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string | number, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      return parsed as [string | number, string];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError(
    'bad_request',
    'list.bad_cursor',
    'The cursor is not valid; start again from the first page',
  );
}

export interface PageOptions<O> {
  sort: SortSpec;
  /** The id column, qualified like the sort column. */
  idColumn: string;
  limit: number;
  cursor?: string | undefined;
  /** Reads the sort value and id back from a result row, to build the next cursor. */
  key: (row: O) => { value: unknown; id: string };
}

export async function paginate<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  opts: PageOptions<O>,
): Promise<{ items: O[]; nextCursor: string | null }> {
  const col = sql.ref(opts.sort.column);
  const id = sql.ref(opts.idColumn);
  const desc = opts.sort.direction === 'desc';
  let q = qb;
  if (opts.cursor) {
    const [value, lastId] = decodeCursor(opts.cursor);
    q = desc
      ? q.where(sql<boolean>`(${col} < ${value} or (${col} = ${value} and ${id} < ${lastId}))`)
      : q.where(sql<boolean>`(${col} > ${value} or (${col} = ${value} and ${id} > ${lastId}))`);
  }
  const rows = await q
    .orderBy(col, opts.sort.direction)
    .orderBy(id, opts.sort.direction)
    .limit(opts.limit + 1)
    .execute();
  const items = rows.slice(0, opts.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > opts.limit && last ? encodeCursor(opts.key(last).value, opts.key(last).id) : null;
  return { items, nextCursor };
}
