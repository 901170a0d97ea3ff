import pino, { type Logger } from 'pino';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import type { AppContext } from './context';
import { type DbHandle, openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createDispatcher, type DispatcherOptions } from './events/dispatcher';
import { EventRegistry } from './events/registry';
import { registerPlatformJobs } from './jobs/platform-jobs';
import { JobRegistry } from './jobs/registry';
import { TaskQueue } from './jobs/tasks';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}

/**
 * Opens the database, brings the schema up to date and wires registries and the event dispatcher.
 * The dispatcher is created but not started: the caller decides (API server, worker, CLI, test).
 */
export async function createContext(
  config: Config,
  opts: {
    clock?: Clock;
    log?: Logger;
    dbHandle?: DbHandle;
    migrate?: boolean;
    /** Poll interval, retry backoff etc. of the event dispatcher (tests make them short). */
    dispatcher?: DispatcherOptions;
    /** SQLite: checkpoint the WAL in a background thread (the API server; see db/checkpointer.ts). */
    backgroundCheckpoints?: boolean;
  } = {},
): Promise<AppContext> {
  const log = opts.log ?? createLogger(config);
  const dbHandle =
    opts.dbHandle ??
    openDatabase(config.database, {
      backgroundCheckpoints: opts.backgroundCheckpoints,
      onCheckpointError: (message) => log.warn({ message }, 'background checkpoint failed'),
    });
  if (opts.migrate !== false) {
    const applied = await migrateToLatest(dbHandle.db);
    if (applied.length) log.info({ applied }, 'database migrated');
  }
  const ctx = {
    config,
    db: dbHandle.db,
    dialect: dbHandle.dialect,
    dbHandle,
    clock: opts.clock ?? systemClock,
    log,
    events: new EventRegistry(),
    jobs: new JobRegistry(),
  } as Omit<AppContext, 'dispatcher' | 'tasks'> as AppContext;
  ctx.tasks = new TaskQueue(ctx);
  registerPlatformJobs(ctx);
  ctx.dispatcher = createDispatcher(ctx, opts.dispatcher);
  return ctx;
}
