import { sql } from 'kysely';
import type { DomainEvent } from '../../../../contracts/events';
import { systemActor } from '../actor';
import type { Tx } from '../db/database';
import { uuidv7 } from '../ids';
import { type Ctx, type DeliveryCounts, type DeliverySettings, runDelivery, toDomainEvent } from './delivery';
import { claimUndispatchedEvents, type EventDeliveriesTable, insertDeliveries } from './delivery.repository';
import type { Subscription } from './registry';

/** What relaying did: events taken from the outbox, and the outcomes of the deliveries it ran. */
export interface RelayResult {
  relayed: number;
  counts: DeliveryCounts;
}

/**
 * Outbox → subscribers, a batch of undispatched events per transaction (safe in several processes
 * at once: PostgreSQL claims the rows with SKIP LOCKED), the events marked dispatched in it as they
 * are claimed.
 *
 * - A **batch subscriber** (registry.subscribeBatch) gets its events right here, in a savepoint of
 *   this transaction: its effects commit with the events' "dispatched" mark, so the event is handled
 *   once, and no delivery row is written for it (the rows cost more than most handlers; see
 *   ADR 0009). When its handler throws, the savepoint rolls back, the subscriber's events get
 *   pending delivery rows, and after the commit each of them runs on its own (runDelivery: its own
 *   retries and dead letter) — as with a failed batch of delivery rows.
 * - Every other subscriber gets a pending delivery row (runDueDeliveries / pg-boss run it).
 */
export async function relayOutbox(
  ctx: Ctx,
  settings: DeliverySettings,
  /** Checked before each batch: a stopping dispatcher does not work through a long backlog first. */
  opts: { shouldStop?: () => boolean } = {},
): Promise<RelayResult> {
  const result: RelayResult = { relayed: 0, counts: { done: 0, skipped: 0, retrying: 0, dead: 0 } };
  const inline = settings.inlineBatches;
  for (;;) {
    if (opts.shouldStop?.()) return result;
    const { relayed, done, alone } = await ctx.db.transaction().execute(async (trx) => {
      const now = settings.timerClock.now().toISOString();
      const events = (await claimUndispatchedEvents(trx, ctx.dialect, settings.batchSize, now)).map(
        toDomainEvent,
      );
      if (!events.length) return { relayed: 0, done: 0, alone: [] };
      const rows: EventDeliveriesTable[] = [];
      const batches = new Map<Subscription, DomainEvent[]>();
      for (const e of events) {
        for (const s of ctx.events.forType(e.type)) {
          if (inline && s.batch) {
            const list = batches.get(s);
            if (list) list.push(e);
            else batches.set(s, [e]);
          } else rows.push(deliveryRow(e, s, now));
        }
      }
      let done = 0;
      const alone: string[] = [];
      for (const [s, list] of batches) {
        if (await handleInline(ctx, trx, s, list)) {
          done += list.length;
        } else {
          const failed = list.map((e) => deliveryRow(e, s, now));
          rows.push(...failed);
          alone.push(...failed.map((r) => r.id));
        }
      }
      await insertDeliveries(trx, rows);
      return { relayed: events.length, done, alone };
    });
    result.relayed += relayed;
    result.counts.done += done;
    for (const id of alone) result.counts[await runDelivery(ctx, settings, id)]++;
    if (relayed < settings.batchSize) return result;
  }
}

function deliveryRow(e: DomainEvent, s: Subscription, now: string): EventDeliveriesTable {
  return {
    id: uuidv7(),
    event_id: e.id,
    event_type: e.type,
    subscriber: s.name,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    queued_at: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}

/** A batch subscriber's events in a savepoint of the relay's transaction; false (rolled back) when it threw. */
async function handleInline(ctx: Ctx, trx: Tx, s: Subscription, events: DomainEvent[]): Promise<boolean> {
  await sql`savepoint kontor_relay`.execute(trx);
  try {
    await s.batch!(events, {
      trx,
      // The same transaction: on SQLite a second connection would wait for this one forever.
      db: trx,
      clock: ctx.clock,
      config: ctx.config,
      actor: systemActor(`event:${s.type}`),
    });
    await sql`release savepoint kontor_relay`.execute(trx);
    return true;
  } catch (err) {
    await sql`rollback to savepoint kontor_relay`.execute(trx);
    await sql`release savepoint kontor_relay`.execute(trx);
    ctx.log.warn(
      { err, subscriber: s.name, events: events.length },
      'batch handler failed in the relay; delivering its events one by one',
    );
    return false;
  }
}
