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

export interface Subscription {
  type: EventType;
  /** Unique, stable name: `<reacting domain>.<what it does>`, e.g. `billing.invoice-won-deal`. */
  name: string;
  handler: EventHandler;
}

/** Subscribers registered by domains; the dispatcher (in-process or pg-boss) delivers to them. */
export class EventRegistry {
  private readonly subscriptions = new Map<string, Subscription>();

  subscribe<T extends EventType>(type: T, name: string, handler: EventHandler<T>): void {
    if (this.subscriptions.has(name)) throw new Error(`Event subscriber "${name}" is registered twice`);
    this.subscriptions.set(name, { type, name, handler: handler as EventHandler });
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
