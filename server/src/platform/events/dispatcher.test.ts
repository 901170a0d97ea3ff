import { type Kysely, sql } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { systemActor } from '../actor';
import { createContext } from '../bootstrap';
import { FixedClock, systemClock } from '../clock';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { type Dialect, openDatabase } from '../db/database';
import { uuidv7 } from '../ids';
import { retryDeadLetter } from './dead-letters';
import { runDelivery } from './delivery';
import type { DispatcherOptions } from './dispatcher';
import { publish } from './publish';

interface EffectsDb {
  test_effects: { id: string; event_id: string; subscriber: string };
}

const FAST: DispatcherOptions = {
  pollIntervalMs: 50,
  retry: { maxAttempts: 3, baseDelayMs: 20, factor: 2 },
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

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(DIALECTS)('event dispatch (%s)', (dialect) => {
  let db: TestDatabase;
  const contexts: AppContext[] = [];

  /** A context of its own (own connection / pool) on the test database: another process, as far as the DB can tell. */
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
  const countEffects = async () =>
    Number(
      (
        await effects()
          .selectFrom('test_effects')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A subscriber whose handler writes one row per run, through the delivery's transaction. */
  function subscribe(ctx: AppContext, name = 'test.record', fail?: () => boolean) {
    ctx.events.subscribe('team.member_added', name, async (event, h) => {
      await (h.trx as unknown as Kysely<EffectsDb>)
        .insertInto('test_effects')
        .values({ id: uuidv7(), event_id: event.id, subscriber: name })
        .execute();
      if (fail?.()) throw new Error('handler broke on purpose');
    });
  }

  const raise = (ctx: AppContext) =>
    ctx.db.transaction().execute((trx) =>
      publish(trx, ctx.clock, systemActor('test'), 'team.member_added', {
        teamId: uuidv7(),
        userId: uuidv7(),
      }),
    );

  async function setup() {
    db = await createTestDatabase(dialect);
    await sql`create table test_effects (id text primary key, event_id text not null, subscriber text not null)`.execute(
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

  it('loses no event when the process dies between commit and dispatch', async () => {
    await setup();
    const crashed = await newContext();
    subscribe(crashed);
    const eventId = await raise(crashed);
    // The process "dies" here: committed, never dispatched. A new process starts on the same database.
    const restarted = await newContext();
    subscribe(restarted);
    await restarted.dispatcher.start();
    await waitFor(async () => (await countEffects()) === 1);
    const delivery = await db.handle.db
      .selectFrom('event_deliveries')
      .selectAll()
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ subscriber: 'test.record', status: 'done', attempts: 1 });
    const outbox = await db.handle.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow();
    expect(outbox.dispatched_at).not.toBeNull();
  });

  it('has the effect of one run when a delivery is run twice, also concurrently by two processes', async () => {
    await setup();
    const a = await newContext();
    const b = await newContext();
    subscribe(a);
    subscribe(b);
    const ids = [await raise(a), await raise(a), await raise(a)];
    const settings = { retry: FAST.retry!, timerClock: a.clock, batchSize: 10, inlineBatches: true };
    if (dialect === 'postgres') {
      // Two processes relay and run every delivery at the same time.
      await Promise.all([a.dispatcher.drain(), b.dispatcher.drain(), a.dispatcher.drain()]);
    } else {
      // SQLite is one process (better-sqlite3 is synchronous: two connections of one process must not
      // overlap); within it the dispatcher's passes never overlap. Two passes, then another "process".
      await Promise.all([a.dispatcher.drain(), a.dispatcher.drain()]);
      await b.dispatcher.drain();
    }
    const deliveries = await db.handle.db.selectFrom('event_deliveries').select(['id', 'status']).execute();
    expect(deliveries).toHaveLength(3);
    // Redelivery (a duplicate job, a retry after a crash) of done deliveries does nothing.
    const again = await Promise.all(
      deliveries.flatMap((d) => [
        runDelivery(a, settings, d.id),
        runDelivery(dialect === 'postgres' ? b : a, settings, d.id),
      ]),
    );
    expect(again.every((o) => o === 'skipped')).toBe(true);
    expect(await countEffects()).toBe(3);
    const perEvent = await effects().selectFrom('test_effects').select('event_id').distinct().execute();
    expect(perEvent.map((r) => r.event_id).sort()).toEqual([...ids].sort());
  });

  it('rolls back a failed handler with its effects, retries with backoff, then dead-letters it', async () => {
    await setup();
    // Retry timing runs on this clock; an hour ahead of real time so admin retries ("due now") are due.
    const timer = new FixedClock(new Date(Date.now() + 3_600_000));
    const ctx = await newContext({ ...FAST, timerClock: timer });
    const failing = true;
    subscribe(ctx, 'test.flaky', () => failing);
    await raise(ctx);

    expect(await ctx.dispatcher.drain()).toMatchObject({ relayed: 1, done: 0, retrying: 1 });
    const first = await db.handle.db.selectFrom('event_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_error: 'handler broke on purpose' });
    expect(Date.parse(first.next_attempt_at!) - timer.now().getTime()).toBe(20);
    expect(await countEffects()).toBe(0); // the handler's insert was rolled back with the failure

    expect(await ctx.dispatcher.drain()).toMatchObject({ retrying: 0 }); // not due yet
    timer.advance(20);
    expect(await ctx.dispatcher.drain()).toMatchObject({ retrying: 1 });
    const second = await db.handle.db.selectFrom('event_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(Date.parse(second.next_attempt_at!) - timer.now().getTime()).toBe(40);
    timer.advance(40);
    expect(await ctx.dispatcher.drain()).toMatchObject({ dead: 1 });
    const dead = await db.handle.db.selectFrom('event_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, next_attempt_at: null });
    timer.advance(10_000);
    expect(await ctx.dispatcher.drain()).toMatchObject({ done: 0, retrying: 0, dead: 0 });
    expect(await countEffects()).toBe(0);
  });

  it("delivers follow-up events raised by handlers in the same drain, as the handler's actor", async () => {
    await setup();
    const ctx = await newContext();
    const origins: (string | null)[] = [];
    ctx.events.subscribe('team.member_added', 'test.chain', async (event, h) => {
      origins.push(h.actor.origin);
      await publish(h.trx, h.clock, h.actor, 'team.member_removed', event.payload);
    });
    ctx.events.subscribe('team.member_removed', 'test.after-chain', async (event, h) => {
      origins.push(h.actor.origin);
      await (h.trx as unknown as Kysely<EffectsDb>)
        .insertInto('test_effects')
        .values({ id: uuidv7(), event_id: event.id, subscriber: 'test.after-chain' })
        .execute();
    });
    await raise(ctx);
    expect(await ctx.dispatcher.drain()).toMatchObject({ relayed: 2, done: 2 });
    expect(origins).toEqual(['event:team.member_added', 'event:team.member_removed']);
    expect(await countEffects()).toBe(1);
  });

  it('retries and dead-letters with the dispatcher running, and runs a dead letter again when retried', async () => {
    await setup();
    const ctx = await newContext();
    let failing = true;
    subscribe(ctx, 'test.flaky', () => failing);
    await ctx.dispatcher.start();
    await raise(ctx);
    ctx.dispatcher.kick();
    const delivery = async () =>
      (await db.handle.db.selectFrom('event_deliveries').selectAll().executeTakeFirst()) ?? {
        id: '',
        status: 'none',
      };
    await waitFor(async () => (await delivery()).status === 'dead');
    expect(await delivery()).toMatchObject({ attempts: 3, last_error: 'handler broke on purpose' });

    failing = false;
    await retryDeadLetter(ctx.db, systemClock, (await delivery()).id);
    ctx.dispatcher.kick();
    await waitFor(async () => (await delivery()).status === 'done');
    expect(await delivery()).toMatchObject({ attempts: 4 });
    expect(await countEffects()).toBe(1);
  });

  it.skipIf(dialect === 'sqlite')(
    'delivers each event once per subscriber with two pg-boss dispatchers side by side',
    async () => {
      await setup();
      const a = await newContext();
      const b = await newContext();
      for (const ctx of [a, b]) {
        subscribe(ctx, 'test.one');
        subscribe(ctx, 'test.two');
      }
      await Promise.all([a.dispatcher.start(), b.dispatcher.start()]);
      const n = 20;
      for (let i = 0; i < n; i++) {
        await raise(i % 2 ? a : b);
        (i % 3 ? a : b).dispatcher.kick();
      }
      await waitFor(async () => (await countEffects()) >= 2 * n, 20_000);
      // Give a duplicate the chance to show up before counting.
      await new Promise((r) => setTimeout(r, 300));
      expect(await countEffects()).toBe(2 * n);
      const pairs = await effects()
        .selectFrom('test_effects')
        .select(['event_id', 'subscriber'])
        .distinct()
        .execute();
      expect(pairs).toHaveLength(2 * n);
      const statuses = await db.handle.db
        .selectFrom('event_deliveries')
        .select('status')
        .distinct()
        .execute();
      expect(statuses.map((s) => s.status)).toEqual(['done']);
    },
  );
});
