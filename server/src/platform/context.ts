import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db, DbHandle, Dialect } from './db/database';
import type { EventRegistry } from './events/registry';
import type { JobRegistry } from './jobs/registry';
import type { TaskQueue } from './jobs/tasks';

/** What one `drain()` did: events relayed from the outbox, deliveries done / to retry / dead. */
export interface DrainResult {
  relayed: number;
  done: number;
  retrying: number;
  dead: number;
}

/**
 * Delivers outbox events to subscribers and runs the scheduled jobs (platform/events/dispatcher.ts).
 * `kick` asks a started dispatcher to look now, not at the next poll.
 */
export interface EventDispatcher {
  kick(): void;
  /** Starts event delivery and the job scheduler (in-process on SQLite, pg-boss on PostgreSQL). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Delivers everything due now in this process and resolves when done, started or not: for tests
   * ("publish, drain, assert") and the CLI. Retries that are not due yet are left for later.
   */
  drain(): Promise<DrainResult>;
}

/** Everything a domain needs from the platform, built once per process (or per test). */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: Dialect;
  dbHandle: DbHandle;
  clock: Clock;
  log: Logger;
  events: EventRegistry;
  jobs: JobRegistry;
  /** One-off background tasks (an import): in process on SQLite, pg-boss jobs on PostgreSQL. */
  tasks: TaskQueue;
  dispatcher: EventDispatcher;
}
