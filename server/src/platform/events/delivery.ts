import type { DomainEvent, EventType } from '../../../../contracts/events';
import { systemActor } from '../actor';
import type { Clock } from '../clock';
import type { AppContext } from '../context';
import { errorLine, type RetryPolicy, retryDelayMs } from '../jobs/backoff';
import {
  dueDeliveryIds,
  type EventDeliveriesTable,
  findDeliveries,
  findDelivery,
  findEvent,
  findEvents,
  markDeliveriesDone,
  markDeliveryDone,
  recordDeliveryFailure,
} from './delivery.repository';
import type { OutboxTable } from './outbox.repository';

/** How deliveries are timed. Retry timing runs on the real clock (it drives timers), not the business clock. */
export interface DeliverySettings {
  retry: RetryPolicy;
  timerClock: Clock;
  /** Outbox rows relayed per transaction. */
  batchSize: number;
  /**
   * Batch subscribers handled in the relay's transaction (see relay.ts). Off: every subscriber gets
   * a pending delivery row. The dispatcher decides (DispatcherOptions.inlineBatches).
   */
  inlineBatches: boolean;
}

export type DeliveryOutcome = 'done' | 'skipped' | 'retrying' | 'dead';

export type DeliveryCounts = Record<DeliveryOutcome, number>;

export type Ctx = Pick<AppContext, 'db' | 'dialect' | 'events' | 'clock' | 'config' | 'log'>;

/**
 * Runs one delivery: in one transaction, first the "handled" mark, then the subscriber's handler
 * with that transaction — so its effects and the mark commit together or not at all. A failure is
 * recorded with the next attempt's time, or as dead after the last attempt.
 */
export async function runDelivery(
  ctx: Ctx,
  settings: DeliverySettings,
  id: string,
): Promise<DeliveryOutcome> {
  const delivery = await findDelivery(ctx.db, id);
  if (delivery?.status !== 'pending') return 'skipped';
  try {
    const subscription = ctx.events.byName(delivery.subscriber);
    if (!subscription)
      throw new Error(`No subscriber "${delivery.subscriber}" is registered in this process`);
    const row = await findEvent(ctx.db, delivery.event_id);
    if (!row) throw new Error(`Event ${delivery.event_id} is no longer in the outbox`);
    const event = toDomainEvent(row);
    const ran = await ctx.db.transaction().execute(async (trx) => {
      if (!(await markDeliveryDone(trx, id, settings.timerClock.now().toISOString()))) return false;
      await subscription.handler(event, {
        trx,
        // The same transaction: on SQLite a second connection would wait for this one forever.
        db: trx,
        clock: ctx.clock,
        config: ctx.config,
        actor: systemActor(`event:${event.type}`),
      });
      return true;
    });
    return ran ? 'done' : 'skipped';
  } catch (err) {
    const attempts = delivery.attempts + 1;
    const dead = attempts >= settings.retry.maxAttempts;
    const now = settings.timerClock.now();
    const recorded = await recordDeliveryFailure(ctx.db, id, delivery.attempts, {
      status: dead ? 'dead' : 'pending',
      nextAttemptAt: dead
        ? null
        : new Date(now.getTime() + retryDelayMs(settings.retry, attempts)).toISOString(),
      error: errorLine(err),
      at: now.toISOString(),
    });
    ctx.log.warn(
      { err, delivery: id, event: delivery.event_id, subscriber: delivery.subscriber, attempts, dead },
      dead ? 'event handler failed for the last time; delivery is dead' : 'event handler failed; will retry',
    );
    if (!recorded) return 'skipped';
    return dead ? 'dead' : 'retrying';
  }
}

export function toDomainEvent(row: Omit<OutboxTable, 'dispatched_at'>): DomainEvent {
  return {
    id: row.id,
    type: row.type as EventType,
    payload: JSON.parse(row.payload),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    origin: row.origin ?? null,
  };
}

/**
 * Runs several due deliveries of one batch subscriber (registry.subscribeBatch) in one transaction:
 * the "handled" marks of those still pending, then the subscriber's batch handler with their events
 * (in delivery order) — effects and marks commit together, as with runDelivery. When anything
 * fails, the transaction rolls back and each delivery runs on its own (runDelivery: its own retry
 * and dead letter), so one bad event costs the batch its speed, never another event its delivery.
 */
export async function runDeliveryBatch(
  ctx: Ctx,
  settings: DeliverySettings,
  ids: readonly string[],
): Promise<Record<DeliveryOutcome, number>> {
  // one id: runDelivery reads it itself
  return runKnownBatch(ctx, settings, ids, ids.length === 1 ? [] : await findDeliveries(ctx.db, ids));
}

/** A delivery as runKnownBatch needs it (the due query's row, or the whole row). */
type KnownDelivery = Pick<EventDeliveriesTable, 'id' | 'subscriber' | 'event_id' | 'status'>;

/**
 * runDeliveryBatch with the deliveries already read (`rows`: their state as last seen; the "handled"
 * mark re-checks `pending` in the transaction, so a stale `pending` costs nothing but a skip).
 */
async function runKnownBatch(
  ctx: Ctx,
  settings: DeliverySettings,
  ids: readonly string[],
  rows: readonly KnownDelivery[],
): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { done: 0, skipped: 0, retrying: 0, dead: 0 };
  const one = async () => {
    for (const id of ids) counts[await runDelivery(ctx, settings, id)]++;
    return counts;
  };
  if (ids.length === 1) return one();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pending = ids.map((id) => byId.get(id)).filter((d) => d?.status === 'pending');
  const first = pending[0];
  if (first && pending.some((d) => d!.subscriber !== first.subscriber)) {
    // mixed subscribers (a pg-boss batch): each subscriber's deliveries as a batch of their own
    const groups = new Map<string, string[]>();
    for (const d of pending) groups.set(d!.subscriber, [...(groups.get(d!.subscriber) ?? []), d!.id]);
    for (const group of groups.values()) {
      const c = await runDeliveryBatch(ctx, settings, group);
      for (const k of Object.keys(counts) as DeliveryOutcome[]) counts[k] += c[k];
    }
    counts.skipped += ids.length - pending.length;
    return counts;
  }
  const subscription = first ? ctx.events.byName(first.subscriber) : undefined;
  if (!first || !subscription?.batch) return one();
  const batch = subscription.batch;
  const events = new Map(
    (
      await findEvents(
        ctx.db,
        pending.map((d) => d!.event_id),
      )
    ).map((r) => [r.id, toDomainEvent(r)]),
  );
  if (pending.some((d) => !events.has(d!.event_id))) return one();
  try {
    const done = await ctx.db.transaction().execute(async (trx) => {
      const marked = await markDeliveriesDone(
        trx,
        pending.map((d) => d!.id),
        settings.timerClock.now().toISOString(),
      );
      const handled = pending.filter((d) => marked.has(d!.id)).map((d) => events.get(d!.event_id)!);
      if (handled.length) {
        await batch(handled, {
          trx,
          db: trx,
          clock: ctx.clock,
          config: ctx.config,
          actor: systemActor(`event:${subscription.type}`),
        });
      }
      return marked.size;
    });
    counts.done += done;
    counts.skipped += ids.length - done;
    return counts;
  } catch (err) {
    ctx.log.warn(
      { err, subscriber: subscription.name, deliveries: ids.length },
      'batch delivery failed; delivering one by one',
    );
    return one();
  }
}

/** Deliveries per batch of a batch subscriber (and due deliveries read per page). */
export const DELIVERY_BATCH = 500;

/**
 * Runs every delivery that is due now, in this process. Returns the outcomes counted. Deliveries
 * of a batch subscriber (registry.subscribeBatch) due in the same page run together
 * (runDeliveryBatch); the others one by one, in due order.
 */
export async function runDueDeliveries(
  ctx: Ctx,
  settings: DeliverySettings,
  opts: { limit?: number; shouldStop?: () => boolean } = {},
): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { done: 0, skipped: 0, retrying: 0, dead: 0 };
  const add = (c: Record<DeliveryOutcome, number>) => {
    for (const k of Object.keys(counts) as DeliveryOutcome[]) counts[k] += c[k];
  };
  const limit = opts.limit ?? DELIVERY_BATCH;
  for (;;) {
    const due = await dueDeliveryIds(ctx.db, settings.timerClock.now().toISOString(), limit);
    const batches = new Map<string, KnownDelivery[]>();
    for (const row of due) {
      if (opts.shouldStop?.()) return counts;
      if (ctx.events.byName(row.subscriber)?.batch) {
        const rows = batches.get(row.subscriber) ?? [];
        rows.push({ ...row, status: 'pending' });
        batches.set(row.subscriber, rows);
      } else {
        counts[await runDelivery(ctx, settings, row.id)]++;
      }
    }
    for (const rows of batches.values()) {
      if (opts.shouldStop?.()) return counts;
      // the due query read them as pending: no second read of the rows (the mark re-checks)
      add(
        await runKnownBatch(
          ctx,
          settings,
          rows.map((r) => r.id),
          rows,
        ),
      );
    }
    if (due.length < limit) return counts;
  }
}
