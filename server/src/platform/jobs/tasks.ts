import type PgBoss from 'pg-boss';
import type { Tx } from '../db/database';
import { bossDb } from './boss';
import type { JobContext } from './registry';

/**
 * One-off background tasks ("import this file now"), next to the scheduled jobs: a domain registers
 * a task by name and enqueues runs of it with data; the request that enqueues answers at once.
 *
 * - SQLite (one process): the task runs in this process, in the background, one task at a time
 *   (SQLite has one writer). A run enqueued inside a transaction starts once that transaction has
 *   ended — committed or rolled back: the task reads its record's state first and does nothing
 *   when it finds none. A run still waiting or running when the process stops is not resumed (the
 *   owning domain marks such records as interrupted).
 * - PostgreSQL (many processes): a pg-boss job, inserted in the caller's transaction when one is
 *   given (so it exists exactly when the transaction commits), run by a worker of any process
 *   (API servers and `npm run worker`), one at a time per process and task. A run whose process
 *   died is handed out again after `expireInSeconds`; one that throws is retried `retryLimit` times.
 *
 * Either way a task must tolerate running again for the same data (check the record's state).
 */
export interface TaskContext extends JobContext {
  /** Aborted when the process stops: finish or give up quickly (throw), the run is retried (PG). */
  signal: AbortSignal;
}

export interface TaskDefinition<D extends object = Record<string, unknown>> {
  /** Stable name, `<domain>.<what>`; the pg-boss queue is `kontor.task.<name>`. */
  name: string;
  description: string;
  /** PostgreSQL: a run still going after this long counts as lost and is handed out again (default 1 h). */
  expireInSeconds?: number;
  /** PostgreSQL: further attempts when a run throws or is lost (default 1). */
  retryLimit?: number;
  run(ctx: TaskContext, data: D): Promise<void>;
}

export const TASK_QUEUE_PREFIX = 'kontor.task.';
export const taskQueueName = (name: string) => `${TASK_QUEUE_PREFIX}${name}`;

interface Waiting {
  task: TaskDefinition<object>;
  data: object;
}

/** The registered tasks of a process and the way to run them (see TaskDefinition). */
export class TaskQueue {
  private readonly tasks = new Map<string, TaskDefinition<object>>();
  private readonly waiting: Waiting[] = [];
  private pumping: Promise<void> | null = null;
  private abort = new AbortController();
  private boss: PgBoss | null = null;
  private readonly workerIds = new Map<string, string>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly ctx: JobContext) {}

  register<D extends object>(task: TaskDefinition<D>): void {
    if (this.tasks.has(task.name)) throw new Error(`Task "${task.name}" is registered twice`);
    this.tasks.set(task.name, task as unknown as TaskDefinition<object>);
  }

  get(name: string): TaskDefinition<object> | undefined {
    return this.tasks.get(name);
  }

  all(): TaskDefinition<object>[] {
    return [...this.tasks.values()];
  }

  /**
   * Runs the task with `data` in the background. With `trx`: on PostgreSQL the job is queued in that
   * transaction; on SQLite the run waits for the transaction to end (it needs the connection).
   * After the transaction committed, `kick(name)` makes this process's worker look at once (PG).
   */
  async enqueue<D extends object>(name: string, data: D, opts: { trx?: Tx } = {}): Promise<void> {
    const task = this.tasks.get(name);
    if (!task) throw new Error(`There is no task "${name}"`);
    if (this.ctx.dialect === 'sqlite') {
      this.waiting.push({ task, data });
      this.pump();
      return;
    }
    if (!this.boss) {
      throw new Error(
        `Task "${name}" cannot be queued: background work is not started in this process (dispatcher.start())`,
      );
    }
    await this.boss.send(taskQueueName(name), data, opts.trx ? { db: bossDb(opts.trx) } : {});
  }

  /** PostgreSQL: wake this process's worker of the task now (after the enqueuing transaction committed). */
  kick(name: string): void {
    const id = this.workerIds.get(taskQueueName(name));
    if (id && this.boss) this.boss.notifyWorker(id);
  }

  /** Resolves when no task waits or runs in this process. */
  async idle(): Promise<void> {
    while (this.pumping || this.running.size) {
      await Promise.all([this.pumping, ...this.running]);
    }
  }

  /** PostgreSQL: makes the tasks' queues (the dispatcher calls this under its pg-boss setup lock). */
  async createQueues(boss: PgBoss): Promise<void> {
    for (const task of this.tasks.values()) {
      const queue = taskQueueName(task.name);
      await boss.createQueue(queue, {
        name: queue,
        retryLimit: task.retryLimit ?? 1,
        retryDelay: 10,
        expireInSeconds: task.expireInSeconds ?? 60 * 60,
      });
    }
  }

  /** PostgreSQL: starts one worker per task on the dispatcher's pg-boss. */
  async startWorkers(boss: PgBoss, opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
    this.boss = boss;
    this.abort = new AbortController();
    for (const task of this.tasks.values()) {
      const queue = taskQueueName(task.name);
      const id = await boss.work<object>(
        queue,
        { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) await this.track(this.runTask(task, job.data, true));
        },
      );
      this.workerIds.set(queue, id);
    }
  }

  /**
   * Stops: running tasks are told to stop (their signal aborts) and awaited; SQLite runs that did
   * not start yet are dropped. PostgreSQL workers stop taking jobs.
   */
  async stop(): Promise<void> {
    this.waiting.length = 0;
    this.abort.abort(new Error('The server is shutting down'));
    if (this.boss) {
      for (const queue of this.workerIds.keys()) await this.boss.offWork(queue);
      this.workerIds.clear();
      this.boss = null;
    }
    await this.idle();
    this.abort = new AbortController();
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    return p.finally(() => this.running.delete(p));
  }

  private async runTask(task: TaskDefinition<object>, data: object, rethrow: boolean): Promise<void> {
    const log = this.ctx.log.child({ task: task.name });
    try {
      await task.run({ ...this.ctx, log, signal: this.abort.signal }, data);
    } catch (err) {
      log.error({ err }, 'background task failed');
      if (rethrow) throw err;
    }
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
          await this.track(this.runTask(next.task, next.data, false));
        }
      })
      .finally(() => {
        this.pumping = null;
        if (this.waiting.length) this.pump();
      });
  }
}
