import type PgBoss from 'pg-boss';
import { type Clock, systemClock } from '../clock';
import type { AppContext, DrainResult, EventDispatcher } from '../context';
import { EVENT_RETRY, errorLine, type RetryPolicy } from '../jobs/backoff';
import { bossDb, createBoss, deterministicUuid, EVENT_QUEUE, withBossSetupLock } from '../jobs/boss';
import {
  createBossScheduler,
  createInProcessScheduler,
  type ScheduledJob,
  type Scheduler,
} from '../jobs/scheduler';
import { DEFAULT_MAIL_SETTINGS, type MailSettings } from '../mail/send-mail';
import { createMailKicker } from '../mail/send-mail.job';
import { type DeliverySettings, runDeliveryBatch, runDueDeliveries } from './delivery';
import { claimDueUnqueued, recordDeliveryFailure, staleQueuedDeliveries } from './delivery.repository';
import { relayOutbox } from './relay';

export interface DispatcherOptions {
  /** How often to look for undispatched events and due retries without a kick (ms). SQLite 500, PostgreSQL 1000. */
  pollIntervalMs?: number;
  /** Attempts and backoff of failing handlers (default 5 attempts: 1 s, 4 s, 16 s, 64 s). */
  retry?: RetryPolicy;
  /** The clock retry times are computed with: the real clock (timers run on real time), not the business clock. */
  timerClock?: Clock;
  /**
   * Outbox rows relayed, deliveries queued, per transaction. Default: SQLite 5,000 — one process
   * relays, and each transaction's fixed cost (the subscribers' queries per batch, and the commit,
   * which writes every page the batch touched: a page of each index of the tasks the rules make is
   * written once per transaction, not once per task) is shared by more events; relaying 100,000
   * events through the bench's 20 rules took ~2.3 s in batches of 5,000 against ~2.6 s in batches
   * of 2,000, and other writers wait behind one batch ~0.1 s. PostgreSQL 1,000: a burst still
   * spreads over the workers (100,000 events are 100 batches), and the batch's statements — shared
   * by the workers on the one database server — are half as many per event as with 500 (two workers
   * relayed the bench's 100,000 events at ~12,000 events/s against ~10,000 with 500).
   */
  batchSize?: number;
  /**
   * Hand batch subscribers their events in the relay's transaction (ADR 0009). Default: on with
   * SQLite; on PostgreSQL only where asked for — the worker processes — so that API servers keep
   * their time for requests and give the batch subscribers' work to pg-boss as delivery rows.
   */
  inlineBatches?: boolean;
  /** Run the scheduled jobs too (default true). */
  scheduler?: boolean;
  mail?: MailSettings;
  /** PostgreSQL only. */
  boss?: {
    /** How often an idle pg-boss worker polls (s, ≥ 0.5). A local kick wakes it at once. */
    pollingIntervalSeconds?: number;
    /** Event-delivery workers in this process (each takes a batch of jobs at a time). */
    concurrency?: number;
    /** A delivery handed to pg-boss this long ago and still not run counts as a failed attempt. */
    staleQueuedMs?: number;
  };
}

/** The dispatcher of a context; besides start/stop/kick it can tell what the scheduler scheduled. */
export interface Dispatcher extends EventDispatcher {
  scheduled(): Promise<ScheduledJob[]>;
  /** PostgreSQL: the pg-boss instance while started (tests, diagnostics). */
  readonly boss: PgBoss | null;
}

/** Runs async passes one after another, never two at once; a kick during a pass asks for one more. */
function serialRunner(log: AppContext['log']) {
  let chain: Promise<unknown> = Promise.resolve();
  let queued = false;
  return {
    /** Runs `pass` after whatever runs now. */
    run<T>(pass: () => Promise<T>): Promise<T> {
      const next = chain.then(pass);
      chain = next.catch(() => undefined);
      return next;
    },
    /** Like run, but at most one waiting pass: kicks that arrive while one waits fold into it. */
    poke(pass: () => Promise<unknown>): void {
      if (queued) return;
      queued = true;
      chain = chain
        .then(() => {
          queued = false;
          return pass();
        })
        .catch((err) => log.error({ err }, 'event dispatch pass failed'));
    },
    idle(): Promise<unknown> {
      return chain;
    },
  };
}

/**
 * Runs the registered delivery followers (EventRegistry.afterDelivery) after a pass: a kick starts a
 * round unless one runs (then one more round follows it); `runNow` runs a round and awaits it.
 */
function createFollowerKicker(ctx: Pick<AppContext, 'events' | 'log'>) {
  let running: Promise<number> | null = null;
  let again = false;
  const round = async (): Promise<number> => {
    let done = 0;
    for (const f of ctx.events.deliveryFollowers()) {
      try {
        done += await f.run();
      } catch (err) {
        ctx.log.error({ err, follower: f.name }, 'delivery follower failed');
      }
    }
    return done;
  };
  const loop = async (): Promise<number> => {
    let done = 0;
    do {
      again = false;
      done += await round();
    } while (again);
    return done;
  };
  const start = (): Promise<number> => {
    running = loop().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    kick() {
      if (ctx.events.deliveryFollowers().length === 0) return;
      if (running) {
        again = true;
        return;
      }
      void start();
    },
    async runNow(): Promise<number> {
      if (running) await running;
      return start();
    },
    async stop() {
      again = false;
      await running;
    },
  };
}

/**
 * Delivers outbox events to their subscribers and runs the scheduled jobs.
 *
 * The relay (relay.ts) hands undispatched outbox events to the batch subscribers in its own
 * transaction and writes pending delivery rows for the other subscribers (and for a batch handler
 * that failed there).
 * - SQLite (one process): in-process. A kick or a poll relays and runs the due deliveries, one pass
 *   at a time; croner runs the jobs.
 * - PostgreSQL (any number of API servers and workers): every process relays (outbox rows claimed
 *   with SKIP LOCKED, so batches spread over the processes) and hands due delivery rows to pg-boss
 *   as jobs (inserted in the transaction that marks them queued); pg-boss workers in every process
 *   run them; pg-boss schedules the jobs.
 *
 * Either way an event's handling commits with its mark — the "dispatched" mark in the relay, the
 * delivery's "handled" mark otherwise (see runDelivery) — so each event is handled once per
 * subscriber; events committed but not yet relayed (a crash) wait in the outbox for the next pass
 * of any process.
 */
export function createDispatcher(ctx: AppContext, opts: DispatcherOptions = {}): Dispatcher {
  const pg = ctx.dialect === 'postgres';
  const settings: DeliverySettings = {
    retry: opts.retry ?? EVENT_RETRY,
    timerClock: opts.timerClock ?? systemClock,
    batchSize: opts.batchSize ?? (pg ? 1000 : 5000),
    inlineBatches: opts.inlineBatches ?? !pg,
  };
  const pollMs = opts.pollIntervalMs ?? (pg ? 1000 : 500);
  const mail = createMailKicker(
    ctx,
    opts.mail ?? { ...DEFAULT_MAIL_SETTINGS, timerClock: settings.timerClock },
  );
  const runner = serialRunner(ctx.log);
  const followers = createFollowerKicker(ctx);
  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let scheduler: Scheduler | null = null;
  let boss: PgBoss | null = null;
  const workerIds: string[] = [];
  const stopped = () => stopping;

  /**
   * Relays and runs what is due, in this process; again while handlers raise new events (a follow-up
   * event is delivered in the same drain), at most 20 rounds.
   */
  const deliverHere = async (): Promise<DrainResult> => {
    const total: DrainResult = { relayed: 0, done: 0, retrying: 0, dead: 0 };
    for (let round = 0; round < 20 && !stopping; round++) {
      const relay = await relayOutbox(ctx, settings, { shouldStop: stopped });
      const due = await runDueDeliveries(ctx, settings, { shouldStop: stopped });
      const done = relay.counts.done + due.done;
      total.relayed += relay.relayed;
      total.done += done;
      total.retrying += relay.counts.retrying + due.retrying;
      total.dead += relay.counts.dead + due.dead;
      if (done) {
        mail.kick();
        followers.kick();
      }
      if (relay.relayed === 0 && done === 0) break;
    }
    return total;
  };

  /** PostgreSQL: due deliveries → pg-boss jobs, in the transaction that marks them queued. */
  const enqueueDue = async (b: PgBoss): Promise<number> => {
    let total = 0;
    for (;;) {
      const count = await ctx.db.transaction().execute(async (trx) => {
        const rows = await claimDueUnqueued(trx, settings.timerClock.now().toISOString(), settings.batchSize);
        if (rows.length) {
          await b.insert(
            rows.map((r) => ({
              // One job per attempt: queueing the same attempt twice makes one job.
              id: deterministicUuid(`kontor-delivery:${r.id}:${r.attempts}`),
              name: EVENT_QUEUE,
              data: { deliveryId: r.id },
            })),
            { db: bossDb(trx) },
          );
        }
        return rows.length;
      });
      total += count;
      if (count < settings.batchSize) return total;
    }
  };

  /** PostgreSQL: a queued delivery whose job never ran (lost, expired too often) gets a new attempt. */
  const sweepStale = async (): Promise<void> => {
    const now = settings.timerClock.now();
    const staleMs = opts.boss?.staleQueuedMs ?? 30 * 60_000;
    const stale = await staleQueuedDeliveries(ctx.db, new Date(now.getTime() - staleMs).toISOString(), 100);
    for (const d of stale) {
      const dead = d.attempts + 1 >= settings.retry.maxAttempts;
      await recordDeliveryFailure(ctx.db, d.id, d.attempts, {
        status: dead ? 'dead' : 'pending',
        nextAttemptAt: dead ? null : now.toISOString(),
        error: errorLine(new Error('The delivery job did not run in time (lost or expired)')),
        at: now.toISOString(),
      });
    }
  };

  let passes = 0;
  const pass = async (): Promise<void> => {
    if (stopping) return;
    if (!boss) {
      await deliverHere();
      return;
    }
    const relay = await relayOutbox(ctx, settings, { shouldStop: stopped });
    if (relay.counts.done) {
      mail.kick();
      followers.kick();
    }
    if (passes++ % 60 === 0) await sweepStale();
    if ((await enqueueDue(boss)) > 0) for (const id of workerIds) boss.notifyWorker(id);
  };

  /** pg-boss, its queues and the job schedules (under the setup lock), then the delivery workers. */
  const startBoss = async (): Promise<PgBoss> => {
    if (ctx.config.database.dialect !== 'postgres')
      throw new Error('pg-boss needs a PostgreSQL DATABASE_URL');
    const pollingIntervalSeconds = opts.boss?.pollingIntervalSeconds ?? 2;
    const b = createBoss(ctx.config.database.url, ctx.log, { pollingIntervalSeconds });
    try {
      await withBossSetupLock(ctx.db, async () => {
        await b.start();
        // pg-boss retries only when a worker died with the job (expired) or the database failed;
        // handler failures are retried by the delivery row's own backoff.
        await b.createQueue(EVENT_QUEUE, {
          name: EVENT_QUEUE,
          retryLimit: 3,
          retryDelay: 5,
          retryBackoff: true,
          expireInSeconds: 15 * 60,
        });
        if (opts.scheduler !== false) {
          scheduler = createBossScheduler(ctx, b, {
            pollingIntervalSeconds: Math.max(pollingIntervalSeconds, 5),
          });
          await scheduler.start();
        }
        await ctx.tasks.createQueues(b);
      });
    } catch (err) {
      scheduler = null;
      await b.stop({ graceful: false }).catch(() => undefined);
      throw err;
    }
    // a batch of jobs of one batch subscriber runs as one transaction (runDeliveryBatch), others one by one
    const work = async (jobs: PgBoss.Job<{ deliveryId: string }>[]) => {
      const counts = await runDeliveryBatch(
        ctx,
        settings,
        jobs.map((j) => j.data.deliveryId),
      );
      if (counts.done) {
        mail.kick();
        followers.kick();
      }
      // a full batch: more jobs are likely waiting; fetch again now, not after the polling interval
      if (jobs.length >= 100) for (const id of workerIds) b.notifyWorker(id);
    };
    for (let i = 0; i < (opts.boss?.concurrency ?? 2); i++) {
      workerIds.push(await b.work(EVENT_QUEUE, { batchSize: 100, pollingIntervalSeconds }, work));
    }
    await ctx.tasks.startWorkers(b, { pollingIntervalSeconds });
    return b;
  };

  return {
    get boss() {
      return boss;
    },
    kick() {
      if (started && !stopping) runner.poke(pass);
    },
    async start() {
      if (started) return;
      started = true;
      stopping = false;
      if (pg) {
        try {
          boss = await startBoss();
        } catch (err) {
          started = false;
          throw err;
        }
      } else if (opts.scheduler !== false) {
        scheduler = createInProcessScheduler(ctx);
        await scheduler.start();
      }
      timer = setInterval(() => runner.poke(pass), pollMs);
      timer.unref();
      runner.poke(pass);
      ctx.log.debug({ mode: pg ? 'pg-boss' : 'in-process' }, 'event dispatcher started');
    },
    async stop() {
      // Background tasks run without a started dispatcher too (SQLite): stop them in any case.
      await ctx.tasks.stop();
      if (!started || stopping) return;
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await runner.idle();
      await scheduler?.stop();
      scheduler = null;
      if (boss) {
        // Graceful: waits (up to 10 s) for deliveries in progress, then stops the workers and its pool.
        await boss.stop({ graceful: true, timeout: 10_000 });
        workerIds.length = 0;
        boss = null;
      }
      await mail.stop();
      await followers.stop();
      started = false;
      stopping = false;
    },
    drain() {
      // deliveries, then what follows them (webhooks, due rule actions), until neither has work left
      return runner.run(async () => {
        const total: DrainResult = { relayed: 0, done: 0, retrying: 0, dead: 0 };
        for (let round = 0; round < 10; round++) {
          const r = await deliverHere();
          total.relayed += r.relayed;
          total.done += r.done;
          total.retrying += r.retrying;
          total.dead += r.dead;
          if ((await followers.runNow()) === 0) break;
        }
        return total;
      });
    },
    async scheduled() {
      return scheduler ? scheduler.scheduled() : [];
    },
  };
}
