import { type Kysely, sql } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { systemActor } from '../actor';
import { createContext } from '../bootstrap';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { type Dialect, openDatabase } from '../db/database';
import { uuidv7 } from '../ids';
import { runDeliveryBatch } from './delivery';
import type { DispatcherOptions } from './dispatcher';
import { publish } from './publish';
import { relayOutbox } from './relay';

interface EffectsDb {
  test_effects: { id: string; event_id: string; user_id: string };
}

const FAST: DispatcherOptions = {
  pollIntervalMs: 50,
  // as the worker processes relay on PostgreSQL (and every SQLite server)
  inlineBatches: true,
  retry: { maxAttempts: 2, baseDelayMs: 10, factor: 2 },
  scheduler: false,
  boss: { pollingIntervalSeconds: 0.5 },
};

function configFor(db: TestDatabase, dialect: Dialect): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database:
      dialect === 'sqlite'
        ? { dialect: 'sqlite', file: db.url.slice('sqlite:'.length) }
        : { dialect: 'postgres', url: db.url },
    timezone: 'Europe/Berlin',
    secret: 'test-secret-test-secret-test-secret',
    smtpUrl: null,
    logLevel: 'silent',
    dataDir: '/tmp',
  };
}

const BAD_USER = '00000000-0000-7000-8000-00000000dead';

describe.each(DIALECTS)('batch delivery (%s)', (dialect) => {
  let db: TestDatabase;
  const contexts: AppContext[] = [];

  async function newContext(opts: DispatcherOptions = FAST): Promise<AppContext> {
    const config = configFor(db, dialect);
    const ctx = await createContext(config, {
      log: pino({ level: 'silent' }),
      dbHandle: openDatabase(config.database, { poolSize: 5 }),
      migrate: false,
      dispatcher: opts,
    });
    contexts.push(ctx);
    return ctx;
  }

  const effects = () => db.handle.db as unknown as Kysely<EffectsDb>;
  const effectRows = () => effects().selectFrom('test_effects').selectAll().execute();

  /**
   * A batch subscriber writing one row per event with one multi-row insert; an event for BAD_USER
   * breaks it (and so the whole batch it is in). Records the size of every batch it was given.
   */
  function subscribeBatch(ctx: AppContext, sizes: number[]) {
    ctx.events.subscribeBatch('team.member_added', 'test.batch', async (events, h) => {
      sizes.push(events.length);
      await (h.trx as unknown as Kysely<EffectsDb>)
        .insertInto('test_effects')
        .values(events.map((e) => ({ id: uuidv7(), event_id: e.id, user_id: e.payload.userId })))
        .execute();
      if (events.some((e) => e.payload.userId === BAD_USER)) throw new Error('a bad event in the batch');
    });
  }

  /** Two contexts on one database (two processes), both with the batch subscriber. */
  async function twoProcesses(): Promise<[AppContext, AppContext]> {
    const a = await newContext();
    const b = await newContext();
    subscribeBatch(a, []);
    subscribeBatch(b, []);
    return [a, b];
  }

  const raise = (ctx: AppContext, userIds: string[]) =>
    ctx.db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (const userId of userIds) {
        ids.push(
          await publish(trx, ctx.clock, systemActor('test'), 'team.member_added', {
            teamId: uuidv7(),
            userId,
          }),
        );
      }
      return ids;
    });

  async function setup() {
    db = await createTestDatabase(dialect);
    await sql`create table test_effects (id text primary key, event_id text not null, user_id text not null)`.execute(
      db.handle.db,
    );
  }

  afterEach(async () => {
    for (const ctx of contexts.splice(0)) {
      await ctx.dispatcher.stop();
      await ctx.dbHandle.close();
    }
    await db?.destroy();
  });

  it('hands the due events of a batch subscriber over together, each once, with their marks', async () => {
    await setup();
    const ctx = await newContext();
    const sizes: number[] = [];
    subscribeBatch(ctx, sizes);
    const users = Array.from({ length: 120 }, () => uuidv7());
    const eventIds = await raise(ctx, users);

    const drained = await ctx.dispatcher.drain();
    expect(drained).toMatchObject({ relayed: 120, done: 120, retrying: 0, dead: 0 });
    // one batch (not 120 transactions), in the order the events were raised
    expect(sizes).toEqual([120]);
    const rows = await effectRows();
    expect(rows.map((r) => r.event_id).sort()).toEqual([...eventIds].sort());
    // handled in the relay's transaction, with the events' "dispatched" mark: no delivery rows
    expect(await db.handle.db.selectFrom('event_deliveries').selectAll().execute()).toEqual([]);
    const undispatched = await db.handle.db
      .selectFrom('outbox')
      .select('id')
      .where('dispatched_at', 'is', null)
      .execute();
    expect(undispatched).toEqual([]);

    // a second drain finds nothing to do; a single new event is a batch of one
    expect(await ctx.dispatcher.drain()).toMatchObject({ relayed: 0, done: 0 });
    await raise(ctx, [uuidv7()]);
    expect(await ctx.dispatcher.drain()).toMatchObject({ relayed: 1, done: 1 });
    expect(sizes).toEqual([120, 1]);
    expect(await effectRows()).toHaveLength(121);
  });

  it('rolls a failing batch back and delivers its events one by one: only the bad one fails', async () => {
    await setup();
    // the failed delivery's next attempt lies far ahead: this drain does not run it again
    const ctx = await newContext({ ...FAST, retry: { maxAttempts: 2, baseDelayMs: 60_000, factor: 2 } });
    const sizes: number[] = [];
    subscribeBatch(ctx, sizes);
    const good = Array.from({ length: 9 }, () => uuidv7());
    const [badEvent] = await raise(ctx, [BAD_USER]);
    await raise(ctx, good);

    const drained = await ctx.dispatcher.drain();
    expect(drained).toMatchObject({ relayed: 10, done: 9, retrying: 1, dead: 0 });
    // the batch of 10 (rolled back), then each on its own
    expect(sizes[0]).toBe(10);
    expect(sizes.slice(1)).toEqual(Array(10).fill(1));
    const rows = await effectRows();
    expect(rows.map((r) => r.user_id).sort()).toEqual([...good].sort());
    const bad = await db.handle.db
      .selectFrom('event_deliveries')
      .selectAll()
      .where('event_id', '=', badEvent!)
      .executeTakeFirstOrThrow();
    expect(bad).toMatchObject({ status: 'pending', attempts: 1 });
    expect(bad.last_error).toContain('a bad event in the batch');
    expect(await ctx.dispatcher.drain()).toMatchObject({ relayed: 0, done: 0, retrying: 0, dead: 0 });
    expect(await effectRows()).toHaveLength(9);
  });

  // SQLite runs in one process (one writer): two relaying processes exist on PostgreSQL only
  it.skipIf(dialect === 'sqlite')(
    'relays in two processes at once: each event reaches the batch subscriber once',
    async () => {
      await setup();
      const [a, b] = await twoProcesses();
      const users = Array.from({ length: 300 }, () => uuidv7());
      const eventIds = await raise(a, users);
      // small relay batches, so that both processes get some
      const settings = (ctx: AppContext) => ({
        retry: FAST.retry!,
        timerClock: ctx.clock,
        batchSize: 25,
        inlineBatches: true,
      });
      const [ra, rb] = await Promise.all([relayOutbox(a, settings(a)), relayOutbox(b, settings(b))]);
      expect(ra.relayed + rb.relayed).toBe(300);
      expect(ra.counts.done + rb.counts.done).toBe(300);
      const rows = await effectRows();
      expect(rows.map((r) => r.event_id).sort()).toEqual([...eventIds].sort());
      expect(await db.handle.db.selectFrom('event_deliveries').selectAll().execute()).toEqual([]);
    },
  );

  it('has the effect of one run when the same batch runs twice, also at once in two processes', async () => {
    await setup();
    const [a, b] = await twoProcesses();
    const users = Array.from({ length: 30 }, () => uuidv7());
    await raise(a, users);
    // relay only (no delivery yet): the delivery rows exist, pending
    await relayOutbox(a, { retry: FAST.retry!, timerClock: a.clock, batchSize: 500, inlineBatches: false });
    const ids = (await db.handle.db.selectFrom('event_deliveries').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    expect(ids).toHaveLength(30);
    const settings = { retry: FAST.retry!, timerClock: a.clock, batchSize: 500, inlineBatches: false };
    const [ra, rb] = await Promise.all([
      runDeliveryBatch(a, settings, ids),
      runDeliveryBatch(b, { ...settings, timerClock: b.clock }, ids),
    ]);
    expect(ra.done + rb.done).toBe(30);
    expect(ra.retrying + rb.retrying + ra.dead + rb.dead).toBe(0);
    // once more, later: every delivery is done already, nothing runs
    const again = await runDeliveryBatch(a, settings, ids);
    expect(again).toMatchObject({ done: 0, skipped: 30 });
    const rows = await effectRows();
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(30);
  });
});
