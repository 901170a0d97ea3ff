import { Cron } from 'croner';
import type PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import { JOB_QUEUE_PREFIX, jobQueueName } from './boss';
import { runJob } from './run-job';

export interface ScheduledJob {
  name: string;
  cron: string;
  timezone: string;
}

/** Runs the registered jobs on their cron schedules in the company time zone. */
export interface Scheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What is scheduled right now (empty before start). */
  scheduled(): Promise<ScheduledJob[]>;
}

type Ctx = Pick<AppContext, 'db' | 'dialect' | 'jobs' | 'clock' | 'config' | 'log'>;

/** The next time a cron expression fires after `after`, in the time zone. */
export function nextRunAt(cron: string, timezone: string, after: Date = new Date()): Date | null {
  return new Cron(cron, { timezone, mode: '5-part' }).nextRun(after);
}

async function runScheduled(ctx: Ctx, name: string): Promise<void> {
  try {
    await runJob(ctx, name, { trigger: 'schedule' });
  } catch (err) {
    // runJob records job failures itself; this is the database being unreachable and the like.
    ctx.log.error({ err, job: name }, 'scheduled job could not run');
  }
}

/** SQLite (one process): croner timers in this process; a run still going when the next is due is skipped. */
export function createInProcessScheduler(ctx: Ctx): Scheduler {
  let crons: Cron[] = [];
  const running = new Set<Promise<void>>();
  return {
    async start() {
      if (crons.length) return;
      crons = ctx.jobs.all().map(
        (job) =>
          new Cron(
            job.cron,
            { timezone: ctx.config.timezone, mode: '5-part', protect: true, unref: true },
            () => {
              const p = runScheduled(ctx, job.name);
              running.add(p);
              return p.finally(() => running.delete(p));
            },
          ),
      );
    },
    async stop() {
      for (const c of crons) c.stop();
      crons = [];
      await Promise.all(running);
    },
    async scheduled() {
      return crons.length
        ? ctx.jobs.all().map((j) => ({ name: j.name, cron: j.cron, timezone: ctx.config.timezone }))
        : [];
    },
  };
}

/**
 * PostgreSQL (many processes): pg-boss keeps the schedules in the database and sends one job per
 * cron tick, whichever process sees it first; any process's worker runs it. So a job runs once per
 * tick, however many API servers and workers run.
 */
export function createBossScheduler(
  ctx: Ctx,
  boss: PgBoss,
  opts: { pollingIntervalSeconds?: number } = {},
): Scheduler {
  let started = false;
  const queues: string[] = [];
  return {
    async start() {
      if (started) return;
      started = true;
      const registered = new Set(ctx.jobs.all().map((j) => jobQueueName(j.name)));
      for (const job of ctx.jobs.all()) {
        const queue = jobQueueName(job.name);
        // A missed or failed tick is not retried: the next tick comes (and runs can be started by hand).
        await boss.createQueue(queue, { name: queue, retryLimit: 0, expireInSeconds: 60 * 60 });
        await boss.schedule(queue, job.cron, {}, { tz: ctx.config.timezone, retryLimit: 0 });
        await boss.work(
          queue,
          { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5 },
          async () => runScheduled(ctx, job.name),
        );
        queues.push(queue);
      }
      // Jobs removed from the code lose their schedule.
      for (const s of await boss.getSchedules()) {
        if (s.name.startsWith(JOB_QUEUE_PREFIX) && !registered.has(s.name)) await boss.unschedule(s.name);
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      for (const q of queues.splice(0)) await boss.offWork(q);
    },
    async scheduled() {
      const schedules = await boss.getSchedules();
      return schedules
        .filter((s) => s.name.startsWith(JOB_QUEUE_PREFIX))
        .map((s) => ({
          name: s.name.slice(JOB_QUEUE_PREFIX.length),
          cron: s.cron,
          timezone: (s as PgBoss.Schedule & { timezone?: string }).timezone ?? s.options?.tz ?? 'UTC',
        }));
    },
  };
}
