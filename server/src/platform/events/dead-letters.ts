import type { z } from 'zod';
import type { DeadLetter, DeadLetterQuery, EventDelivery } from '../../../../contracts/admin';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { paginate } from '../db/pagination';
import { AppError, notFound } from '../http/errors';
import type { EventDeliveriesTable } from './delivery.repository';

export function toEventDelivery(r: EventDeliveriesTable): EventDelivery {
  return {
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    subscriber: r.subscriber,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    updatedAt: r.updated_at,
  };
}

/** Deliveries that failed on every attempt, newest failure first, with their event. */
export async function listDeadLetters(db: Db, query: z.infer<typeof DeadLetterQuery>) {
  let q = db
    .selectFrom('event_deliveries as d')
    .leftJoin('outbox as o', 'o.id', 'd.event_id')
    .selectAll('d')
    .select(['o.payload', 'o.occurred_at'])
    .where('d.status', '=', 'dead');
  if (query.subscriber) q = q.where('d.subscriber', '=', query.subscriber);
  if (query.eventType) q = q.where('d.event_type', '=', query.eventType);
  const page = await paginate(q, {
    sort: { column: 'd.updated_at', direction: 'desc' },
    idColumn: 'd.id',
    limit: query.limit,
    cursor: query.cursor,
    key: (r) => ({ value: r.updated_at, id: r.id }),
  });
  return {
    items: page.items.map(
      (r): DeadLetter => ({
        ...toEventDelivery(r),
        payload: r.payload === null ? null : JSON.parse(r.payload),
        occurredAt: r.occurred_at ?? r.created_at,
      }),
    ),
    nextCursor: page.nextCursor,
  };
}

async function findDead(db: Db, id: string) {
  const row = await db.selectFrom('event_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('deadLetter', id);
  if (row.status !== 'dead') {
    throw new AppError(
      'conflict',
      'events.not_dead',
      `Delivery ${id} is ${row.status}, not dead; only dead letters can be retried or discarded`,
    );
  }
  return row;
}

/**
 * Gives a dead delivery one more attempt, due now (it keeps its attempt count: failing again makes
 * it dead again at once). The dispatcher picks it up on its next pass.
 */
export async function retryDeadLetter(db: Db, timerClock: Clock, id: string): Promise<EventDelivery> {
  const row = await findDead(db, id);
  const now = timerClock.now().toISOString();
  const result = await db
    .updateTable('event_deliveries')
    .set({ status: 'pending', next_attempt_at: now, queued_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return retryDeadLetter(db, timerClock, id);
  return toEventDelivery({
    ...row,
    status: 'pending',
    next_attempt_at: now,
    queued_at: null,
    updated_at: now,
  });
}

/** Drops a dead delivery for good; the row stays, as `discarded`, for the record. */
export async function discardDeadLetter(db: Db, timerClock: Clock, id: string): Promise<EventDelivery> {
  const row = await findDead(db, id);
  const now = timerClock.now().toISOString();
  const result = await db
    .updateTable('event_deliveries')
    .set({ status: 'discarded', next_attempt_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return discardDeadLetter(db, timerClock, id);
  return toEventDelivery({ ...row, status: 'discarded', next_attempt_at: null, updated_at: now });
}
