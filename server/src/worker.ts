import { registerDomains } from './modules';
import { createContext } from './platform/bootstrap';
import { ConfigError, loadConfig } from './platform/config';

/**
 * `npm run worker` (PostgreSQL mode): delivers events and runs scheduled jobs through pg-boss, next
 * to any number of API servers (which do the same work) and other workers. No HTTP.
 */
async function main(): Promise<number | null> {
  const config = loadConfig();
  if (config.database.dialect !== 'postgres') {
    console.error(
      'The worker is for PostgreSQL (DATABASE_URL=postgres://…). With SQLite the API server (`npm start`) delivers events and runs jobs itself.',
    );
    return 2;
  }
  // workers take batches of events from the outbox and run the set-based handlers in that
  // transaction (ADR 0009); the API servers leave that work to them
  const ctx = await createContext(config, { dispatcher: { inlineBatches: true } });
  registerDomains(ctx);
  await ctx.dispatcher.start();
  ctx.log.info(
    { subscribers: ctx.events.all().map((s) => s.name), jobs: ctx.jobs.all().map((j) => j.name) },
    'worker started',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'worker shutting down (finishing deliveries in progress)');
    try {
      await ctx.dispatcher.stop();
      await ctx.dbHandle.close();
      process.exit(0);
    } catch (err) {
      ctx.log.error({ err }, 'worker did not shut down cleanly');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return null;
}

main().then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
