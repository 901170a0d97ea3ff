import { type Clock, FixedClock, zonedInstant } from '../clock';
import type { AppContext } from '../context';
import { AppError } from '../http/errors';
import { uuidv7 } from '../ids';
import { errorLine } from './backoff';
import {
  deleteJobRun,
  finishJobRun,
  insertJobRun,
  type JobRunsTable,
  type JobTrigger,
} from './job-runs.repository';
import type { JobDefinition } from './registry';

/** The local time of day a run "as of" a date sees: early morning, before office hours. */
export const AS_OF_LOCAL_TIME = '06:00';

type Ctx = Pick<AppContext, 'db' | 'dialect' | 'jobs' | 'clock' | 'config' | 'log'>;

/**
 * The instant a run "as of" a business date sees: 06:00 in the company time zone on that date
 * (e.g. 2026-12-01 in Europe/Berlin → 2026-12-01T05:00:00Z). Early morning, so "today" is that date
 * and the working day has not started: a nightly job run by hand for a date acts like its night run.
 */
export function asOfInstant(date: string, timezone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [Number.NaN, 0, 0];
  const [hh, mm] = AS_OF_LOCAL_TIME.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const check = new Date(wall);
  if (
    !match ||
    Number.isNaN(wall) ||
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== m - 1 ||
    check.getUTCDate() !== d
  ) {
    throw new AppError(
      'bad_request',
      'jobs.bad_as_of',
      `"${date}" is not a date; use YYYY-MM-DD, e.g. 2026-12-01`,
    );
  }
  return zonedInstant(date, AS_OF_LOCAL_TIME, timezone);
}

export function unknownJob(ctx: Pick<AppContext, 'jobs'>, name: string): AppError {
  const known = ctx.jobs
    .all()
    .map((j) => j.name)
    .sort();
  return new AppError(
    'not_found',
    'jobs.unknown',
    `There is no job "${name}"; known jobs: ${known.length ? known.join(', ') : '(none registered)'}`,
  );
}

export function findJob(ctx: Pick<AppContext, 'jobs'>, name: string): JobDefinition {
  // a job's short name (`due-sweep` for `billing.due-sweep`) works when no other job has it
  const short = name.includes('.') ? [] : ctx.jobs.all().filter((j) => j.name.endsWith(`.${name}`));
  const job = ctx.jobs.get(name) ?? (short.length === 1 ? short[0] : undefined);
  if (!job) throw unknownJob(ctx, name);
  return job;
}

export interface RunJobOptions {
  /** Business date YYYY-MM-DD: the job runs with a clock fixed at 06:00 company time of that date. */
  asOf?: string | undefined;
  trigger?: JobTrigger;
}

/**
 * Runs a registered job now, in this process, and records the run in `job_runs`. A failing job does
 * not throw: the run comes back (and is stored) with status `failed` and the error.
 */
export async function runJob(ctx: Ctx, name: string, opts: RunJobOptions = {}): Promise<JobRunsTable> {
  const job = findJob(ctx, name);
  name = job.name;
  const trigger = opts.trigger ?? 'cli';
  const clock: Clock = opts.asOf ? new FixedClock(asOfInstant(opts.asOf, ctx.config.timezone)) : ctx.clock;
  const run: JobRunsTable = {
    id: uuidv7(),
    name,
    trigger,
    as_of: opts.asOf ?? null,
    status: 'running',
    summary: null,
    error: null,
    started_at: ctx.clock.now().toISOString(),
    finished_at: null,
  };
  await insertJobRun(ctx.db, run);
  const log = ctx.log.child({ job: name, run: run.id, asOf: run.as_of });
  let idle = false;
  try {
    const result = await job.run({ db: ctx.db, dialect: ctx.dialect, clock, config: ctx.config, log });
    idle = result.idle === true && trigger === 'schedule';
    Object.assign(run, {
      status: 'succeeded',
      summary: result.summary,
      finished_at: ctx.clock.now().toISOString(),
    });
    if (!idle) log.info({ summary: result.summary }, 'job finished');
  } catch (err) {
    log.error({ err }, 'job failed');
    Object.assign(run, {
      status: 'failed',
      error: errorLine(err),
      finished_at: ctx.clock.now().toISOString(),
    });
  }
  if (idle) {
    await deleteJobRun(ctx.db, run.id);
  } else {
    const { status, summary, error, finished_at } = run;
    await finishJobRun(ctx.db, run.id, { status, summary, error, finished_at });
  }
  return run;
}
