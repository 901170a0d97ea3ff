import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db, Dialect } from '../db/database';

export interface JobContext {
  db: Db;
  dialect: Dialect;
  /** Fixed at the run's "as of" moment when run with --as-of (06:00 company time of that date). */
  clock: Clock;
  config: Config;
  log: Logger;
}

export interface JobResult {
  summary: string;
  /**
   * Nothing was to do. Scheduled runs that report idle are not kept in the run history, so a job
   * that runs every minute does not fill it with empty runs.
   */
  idle?: boolean;
}

export interface JobDefinition {
  /** Stable name, `<domain>.<what>`, used by `run-job <name>`. */
  name: string;
  description: string;
  /** Cron expression (5 fields: minute hour day month weekday), evaluated in the company time zone. */
  cron: string;
  run(ctx: JobContext): Promise<JobResult>;
}

export class JobRegistry {
  private readonly jobs = new Map<string, JobDefinition>();

  register(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`Job "${job.name}" is registered twice`);
    if (job.cron.trim().split(/\s+/).length !== 5) {
      throw new Error(
        `Job "${job.name}": cron "${job.cron}" must have 5 fields (minute hour day month weekday)`,
      );
    }
    this.jobs.set(job.name, job);
  }

  get(name: string): JobDefinition | undefined {
    return this.jobs.get(name);
  }

  all(): JobDefinition[] {
    return [...this.jobs.values()];
  }
}
