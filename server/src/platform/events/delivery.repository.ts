import { sql } from 'kysely';
import type { DbOrTx, Dialect, Tx } from '../db/database';

/**
 * `pending`: to run (at next_attempt_at) · `done`: handled, committed with the handler's effects ·
 * `dead`: gave up after the last attempt (dead-letter list) · `discarded`: an admin dropped it.
 */
export type DeliveryStatus = 'pending' | 'done' | 'dead' | 'discarded';

/** One row per (event, subscriber): the state of handing that event to that subscriber. */
export interface EventDeliveriesTable {
  id: string;
  event_id: string;
  event_type: string;
  subscriber: string;
  status: DeliveryStatus;
  /** Attempts made so far (successful or not); only ever grows. */
  attempts: number;
  /** When the next attempt is due (real time); null once no attempt is planned. */
  next_attempt_at: string | null;
  /** PostgreSQL: when it was handed to pg-boss for its current attempt; null = not yet. */
  queued_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../db/database' {
  interface Database {
    event_deliveries: EventDeliveriesTable;
  }
}

/** The event columns a claim returns. */
const EVENT_COLUMNS = ['id', 'type', 'payload', 'actor_id', 'origin', 'occurred_at'] as const;

/**
 * Takes a batch of undispatched outbox events for this transaction: marks them dispatched and
 * returns them, oldest first. The mark commits or rolls back with whatever the transaction does
 * with the events.
 * - PostgreSQL: one statement (reading, locking and marking them one after the other cost three
 *   passes over the rows); rows locked by another relaying process are skipped, so several
 *   processes relay in parallel without overlap.
 * - SQLite: the write lock first (an update of nothing: another process's relay or publish waits
 *   for this transaction, none can commit between the read and the mark), then the batch read in
 *   order and marked up to its last id. RETURNING would keep every row once more before handing it
 *   out — a fifth of the claim's time.
 */
export async function claimUndispatchedEvents(trx: Tx, dialect: Dialect, limit: number, at: string) {
  if (dialect === 'sqlite') {
    await sql`update outbox set dispatched_at = null where 0`.execute(trx);
    const rows = await trx
      .selectFrom('outbox')
      .select(EVENT_COLUMNS)
      .where('dispatched_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    const last = rows.at(-1);
    if (last) {
      await trx
        .updateTable('outbox')
        .set({ dispatched_at: at })
        .where('dispatched_at', 'is', null)
        .where('id', '<=', last.id)
        .execute();
    }
    return rows;
  }
  const batch = trx
    .selectFrom('outbox')
    .select('id')
    .where('dispatched_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  const rows = await trx
    .updateTable('outbox')
    .set({ dispatched_at: at })
    .where('id', 'in', batch)
    // not the mark itself: each column returned is a value made per row, thousands of rows a batch
    .returning(EVENT_COLUMNS)
    .execute();
  // RETURNING promises no order
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Creates delivery rows; an existing (event, subscriber) row is left alone. */
export async function insertDeliveries(trx: Tx, rows: EventDeliveriesTable[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('event_deliveries')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['event_id', 'subscriber']).doNothing())
      .execute();
  }
}

export function findDelivery(db: DbOrTx, id: string) {
  return db.selectFrom('event_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEvent(db: DbOrTx, id: string) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Deliveries with these ids (any status). */
export function findDeliveries(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('event_deliveries')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Outbox events with these ids. */
export function findEvents(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Pending deliveries whose attempt is due, oldest first (with their subscriber, for batching). */
export function dueDeliveryIds(db: DbOrTx, now: string, limit: number) {
  return db
    .selectFrom('event_deliveries')
    .select(['id', 'subscriber', 'event_id'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * The "handled" mark, first statement of the handler's transaction: pending → done. Only one
 * transaction can make this change (the row stays locked until it commits or rolls back), so a
 * delivery run twice — by two processes, after a crash, by a duplicate job — takes effect once.
 */
export async function markDeliveryDone(trx: Tx, id: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('event_deliveries')
    .set({ status: 'done', attempts: sql`attempts + 1`, next_attempt_at: null, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * markDeliveryDone for several deliveries in one statement: those still pending become done, in
 * this transaction; returns their ids. A delivery another process handled meanwhile is left out
 * (on PostgreSQL the UPDATE waits for that process's row lock and re-checks `pending`).
 */
export async function markDeliveriesDone(trx: Tx, ids: readonly string[], at: string): Promise<Set<string>> {
  const done = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .updateTable('event_deliveries')
      .set({ status: 'done', attempts: sql`attempts + 1`, next_attempt_at: null, updated_at: at })
      .where('id', 'in', ids.slice(i, i + 500))
      // `status || ''`, not `status`: with a plain `status = ?` SQLite (no statistics) plans the
      // update on the `event_deliveries_due` index and walks every pending delivery for each batch
      // — 6 ms a statement with 30,000 pending, quadratic in a backlog. The ids are the primary key.
      .where(sql<string>`${sql.ref('status')} || ''`, '=', 'pending')
      .returning('id')
      .execute();
    for (const r of rows) done.add(r.id);
  }
  return done;
}

/**
 * Records a failed attempt, unless someone else moved the delivery on meanwhile (compare-and-set on
 * the attempt count it was read with).
 */
export async function recordDeliveryFailure(
  db: DbOrTx,
  id: string,
  seenAttempts: number,
  change: { status: 'pending' | 'dead'; nextAttemptAt: string | null; error: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('event_deliveries')
    .set({
      status: change.status,
      attempts: seenAttempts + 1,
      next_attempt_at: change.nextAttemptAt,
      queued_at: null,
      last_error: change.error,
      updated_at: change.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', seenAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * PostgreSQL: locks due deliveries not yet handed to pg-boss (skipping rows another process holds)
 * and marks them queued, in the transaction that also inserts their jobs.
 */
export async function claimDueUnqueued(trx: Tx, now: string, limit: number) {
  const rows = await trx
    .selectFrom('event_deliveries')
    .select(['id', 'attempts'])
    .where('status', '=', 'pending')
    .where('queued_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length) {
    await trx
      .updateTable('event_deliveries')
      .set({ queued_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }
  return rows;
}

/** Queued deliveries whose job should long have run (lost or expired job): candidates for a new attempt. */
export function staleQueuedDeliveries(db: DbOrTx, queuedBefore: string, limit: number) {
  return db
    .selectFrom('event_deliveries')
    .select(['id', 'attempts'])
    .where('status', '=', 'pending')
    .where('queued_at', '<', queuedBefore)
    .limit(limit)
    .execute();
}
