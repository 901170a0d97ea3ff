import { type EventPayload, EventPayloads, type EventType } from '../../../../contracts/events';
import type { Actor } from '../actor';
import type { Clock } from '../clock';
import { insertRows } from '../db/bulk-insert';
import type { Tx } from '../db/database';
import { uuidv7 } from '../ids';
import { insertOutboxEvent } from './outbox.repository';

/**
 * Raises a domain event: writes it to the outbox inside the caller's transaction, so the event
 * exists exactly when the change that raised it is committed. Dispatch happens after commit.
 */
export async function publish<T extends EventType>(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  type: T,
  payload: EventPayload<T>,
): Promise<string> {
  const checked = EventPayloads[type].parse(payload);
  const id = uuidv7();
  await insertOutboxEvent(trx, {
    id,
    type,
    payload: JSON.stringify(checked),
    actor_id: actor.userId,
    origin: actor.origin,
    occurred_at: clock.now().toISOString(),
    dispatched_at: null,
  });
  return id;
}

/**
 * publish for many events of one type at once (a batch handler, a bulk change): each payload is
 * checked like publish does, and the rows go to the outbox in multi-row inserts, in the caller's
 * transaction. Returns the events' ids in payload order.
 */
export async function publishMany<T extends EventType>(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  type: T,
  payloads: ReadonlyArray<EventPayload<T>>,
): Promise<string[]> {
  const schema = EventPayloads[type];
  const at = clock.now().toISOString();
  const rows = payloads.map((payload) => ({
    id: uuidv7(),
    type,
    payload: JSON.stringify(schema.parse(payload)),
    actor_id: actor.userId,
    origin: actor.origin,
    occurred_at: at,
    dispatched_at: null,
  }));
  await insertRows(trx, 'outbox', rows);
  return rows.map((r) => r.id);
}
