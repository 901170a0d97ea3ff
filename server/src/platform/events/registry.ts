import type { DomainEvent, EventType } from '../../../../contracts/events';
import type { Actor } from '../actor';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db, Tx } from '../db/database';

/**
 * What a subscriber gets: the transaction its effects must use (committed with its "handled" mark).
 * A handler that throws is rolled back with its mark and retried with backoff; after the last attempt
 * the delivery is dead (admin dead-letter list). Never use another connection (the context's `db`)
 * inside a handler: its writes would not be part of the mark's transaction, and on SQLite it waits
 * for this transaction forever.
 */
export interface HandlerContext {
  trx: Tx;
  /** The same transaction as `trx` (for functions typed to take a Db). */
  db: Db;
  clock: Clock;
  config: Config;
  /** The system acting because of this event (`event:<type>`), for audit and follow-up events. */
  actor: Actor;
}

export type EventHandler<T extends EventType = EventType> = (
  event: DomainEvent<T>,
  ctx: HandlerContext,
) => Promise<void>;

/**
 * Handles several events of one type in one transaction (with their "handled" marks). It must have
 * the effect of handling each event on its own, in the order given: set-based reads and writes
 * instead of one round of queries per event. When it throws, the whole batch rolls back and each
 * event is delivered on its own (so a bad event fails, is retried and goes dead alone).
 */
export type BatchEventHandler<T extends EventType = EventType> = (
  events: DomainEvent<T>[],
  ctx: HandlerContext,
) => Promise<void>;

export interface Subscription {
  type: EventType;
  /** Unique, stable name: `<reacting domain>.<what it does>`, e.g. `billing.invoice-won-deal`. */
  name: string;
  handler: EventHandler;
  /** Set for subscribers made with subscribeBatch: due deliveries are run together through it. */
  batch?: BatchEventHandler;
}

/**
 * Work that follows handled events outside their transactions — sending webhooks, running an
 * automation rule's actions that are due: the dispatcher runs it after each pass that handled
 * something (never two runs of one follower at once in a process) and `drain()` awaits it. It returns
 * how much it did (0: nothing was due). A job should also run it periodically, for work that becomes
 * due later (retries, waits) and for other processes' work.
 */
export interface DeliveryFollower {
  name: string;
  run(): Promise<number>;
}

/** Subscribers registered by domains; the dispatcher (in-process or pg-boss) delivers to them. */
export class EventRegistry {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly followers = new Map<string, DeliveryFollower>();

  /** Registers a follower (see DeliveryFollower). */
  afterDelivery(name: string, run: () => Promise<number>): void {
    if (this.followers.has(name)) throw new Error(`Delivery follower "${name}" is registered twice`);
    this.followers.set(name, { name, run });
  }

  deliveryFollowers(): DeliveryFollower[] {
    return [...this.followers.values()];
  }

  subscribe<T extends EventType>(type: T, name: string, handler: EventHandler<T>): void {
    if (this.subscriptions.has(name)) throw new Error(`Event subscriber "${name}" is registered twice`);
    this.subscriptions.set(name, { type, name, handler: handler as EventHandler });
  }

  /**
   * A subscriber that can handle many events at once (see BatchEventHandler): the dispatcher hands
   * it the due deliveries of its events together; one delivery on its own is a batch of one.
   */
  subscribeBatch<T extends EventType>(type: T, name: string, batch: BatchEventHandler<T>): void {
    if (this.subscriptions.has(name)) throw new Error(`Event subscriber "${name}" is registered twice`);
    const handler: EventHandler<T> = (event, ctx) => batch([event], ctx);
    this.subscriptions.set(name, {
      type,
      name,
      handler: handler as EventHandler,
      batch: batch as BatchEventHandler,
    });
  }

  forType(type: string): Subscription[] {
    return [...this.subscriptions.values()].filter((s) => s.type === type);
  }

  byName(name: string): Subscription | undefined {
    return this.subscriptions.get(name);
  }

  all(): Subscription[] {
    return [...this.subscriptions.values()];
  }
}
