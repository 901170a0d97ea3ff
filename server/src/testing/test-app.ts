import pino from 'pino';
import { buildApp } from '../app';
import { registerDomains } from '../modules';
import { createContext } from '../platform/bootstrap';
import { FixedClock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { AppContext } from '../platform/context';
import type { Dialect } from '../platform/db/database';
import type { App } from '../platform/http/types';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface TestApp {
  app: App;
  ctx: AppContext;
  clock: FixedClock;
  db: TestDatabase;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database: { dialect: 'sqlite', file: ':memory:' },
    timezone: 'Europe/Berlin',
    secret: 'test-secret-test-secret-test-secret',
    smtpUrl: null,
    logLevel: 'silent',
    dataDir: '/tmp',
    ...overrides,
  };
}

/** The whole API on a fresh database of the dialect, with a clock the test controls. */
export async function createTestApp(
  dialect: Dialect,
  opts: {
    now?: string;
    config?: Partial<Config>;
    /** Extra routes (e.g. one that throws), registered before the app is ready. */
    routes?: (app: App) => void;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(dialect);
  const clock = new FixedClock(new Date(opts.now ?? '2026-11-26T09:00:00.000Z'));
  const config = testConfig({
    database:
      dialect === 'sqlite'
        ? { dialect: 'sqlite', file: db.url.slice(7) }
        : { dialect: 'postgres', url: db.url },
    ...opts.config,
  });
  const ctx = await createContext(config, {
    clock,
    log: pino({ level: 'silent' }),
    dbHandle: db.handle,
    migrate: false,
  });
  registerDomains(ctx);
  const app = await buildApp(ctx, { webDist: '/nonexistent' });
  opts.routes?.(app);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    db,
    async close() {
      await app.close();
      await ctx.dispatcher.stop();
      await db.destroy();
    },
  };
}
