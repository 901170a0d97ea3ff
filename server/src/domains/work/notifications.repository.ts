import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Notification } from '../../../../contracts/work';
import type { DbOrTx } from '../../platform/db/database';
import { paginate } from '../../platform/db/pagination';
import type { NotificationsTable } from './work.tables';

export function toNotification(row: NotificationsTable): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    taskId: row.task_id,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** A user's notifications, newest first (ids are UUIDv7, so id order is creation order). */
export async function listNotificationsOf(
  db: DbOrTx,
  userId: string,
  query: { limit: number; cursor?: string | undefined; unread?: boolean | undefined },
) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (query.unread === true) q = q.where('read_at', 'is', null);
  if (query.unread === false) q = q.where('read_at', 'is not', null);
  return paginate(q, {
    sort: { column: 'created_at', direction: 'desc' },
    idColumn: 'id',
    limit: query.limit,
    cursor: query.cursor,
    key: (r) => ({ value: r.created_at, id: r.id }),
  });
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The id of the user's newest notification (the live stream compares it to see what is new). */
export async function newestNotificationId(db: DbOrTx, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Notifications of the user created after `afterId` (oldest first, at most `limit`). */
export function notificationsAfter(db: DbOrTx, userId: string, afterId: string | null, limit: number) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id', 'asc').limit(limit).execute();
}

/** Marks the user's notifications read (the given ones, or all); returns how many changed. */
export async function markRead(
  db: DbOrTx,
  userId: string,
  ids: readonly string[] | undefined,
  at: string,
): Promise<number> {
  if (ids && ids.length === 0) return 0;
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const COLUMNS = [
  'id',
  'user_id',
  'kind',
  'title',
  'body',
  'link',
  'task_id',
  'dedupe_key',
  'created_at',
  'read_at',
] as const satisfies ReadonlyArray<keyof NotificationsTable>;
/** Rows per statement: 10 columns × 500 rows stays far below both dialects' parameter limits. */
const ROWS_PER_STATEMENT = 500;
const statements = new Map<number, string>();

const ON_CONFLICT = ' on conflict ("dedupe_key") do nothing';
const RETURNING = ' returning "id", "user_id", "task_id", "dedupe_key"';
const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(', ');
const PG_INSERT_UNNEST =
  `insert into "notifications" (${COLUMN_LIST}) select * from unnest(${COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')})` +
  ON_CONFLICT +
  RETURNING;

function sqliteInsertStatement(rows: number): string {
  let text = statements.get(rows);
  if (!text) {
    const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
    text = `insert into "notifications" (${COLUMN_LIST}) values ${Array(rows).fill(tuple).join(', ')}${ON_CONFLICT}`;
    statements.set(rows, text);
  }
  return text;
}

export interface InsertedNotification {
  id: string;
  user_id: string;
  task_id: string | null;
  dedupe_key: string;
}

/**
 * Inserts notifications whose dedupe_key is new and returns exactly those: a key that exists (fired
 * before, or by a concurrent run that committed first) is skipped. On PostgreSQL a concurrent insert
 * of the same key waits for the other transaction and is then skipped, so each key yields one row
 * however many workers run. Multi-row statements with the SQL text built once per size, because
 * the reminder job inserts up to 100k at a time.
 */
export async function insertNotificationsIgnoringDuplicates(
  db: DbOrTx,
  rows: readonly NotificationsTable[],
): Promise<InsertedNotification[]> {
  if (rows.length === 0) return [];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // One statement per call: a text array per column, unnested into rows (binding thousands of
    // single parameters makes PostgreSQL parse and plan a huge VALUES list instead).
    const columns = COLUMNS.map((c) => rows.map((r) => r[c]));
    const result = await db.executeQuery<InsertedNotification>(CompiledQuery.raw(PG_INSERT_UNNEST, columns));
    return result.rows;
  }
  // SQLite: no RETURNING (it costs about as much as the insert itself); the count of inserted rows
  // says whether every row went in, and only when some did not are the new ones looked up
  const inserted: InsertedNotification[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const row of chunk) for (const c of COLUMNS) params.push(row[c]);
    const result = await db.executeQuery(CompiledQuery.raw(sqliteInsertStatement(chunk.length), params));
    const count = Number(result.numAffectedRows ?? 0);
    if (count === 0) continue;
    let fresh = chunk;
    if (count < chunk.length) {
      // a row of this chunk is in the table with its key only if it went in now (its id is new)
      const found = await db
        .selectFrom('notifications')
        .select(['id', 'dedupe_key'])
        .where(
          'dedupe_key',
          'in',
          chunk.map((r) => r.dedupe_key),
        )
        .execute();
      const ids = new Set(found.map((r) => r.id));
      fresh = chunk.filter((r) => ids.has(r.id));
    }
    for (const r of fresh) {
      inserted.push({ id: r.id, user_id: r.user_id, task_id: r.task_id, dedupe_key: r.dedupe_key });
    }
  }
  return inserted;
}
