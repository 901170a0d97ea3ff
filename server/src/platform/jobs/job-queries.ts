import type { z } from 'zod';
import type { JobRun, JobRunQuery } from '../../../../contracts/admin';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { paginate } from '../db/pagination';
import { type JobRunsTable, lastRuns } from './job-runs.repository';
import { nextRunAt } from './scheduler';

export function toJobRun(r: JobRunsTable): JobRun {
  return {
    id: r.id,
    name: r.name,
    trigger: r.trigger,
    asOf: r.as_of,
    status: r.status,
    summary: r.summary,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** The registered jobs with their schedule and latest run. */
export async function listJobs(ctx: Pick<AppContext, 'db' | 'jobs' | 'config'>) {
  const jobs = ctx.jobs.all().sort((a, b) => a.name.localeCompare(b.name));
  const last = await lastRuns(
    ctx.db,
    jobs.map((j) => j.name),
  );
  return {
    items: jobs.map((j) => {
      const run = last.get(j.name);
      return {
        name: j.name,
        description: j.description,
        cron: j.cron,
        timezone: ctx.config.timezone,
        nextRunAt: nextRunAt(j.cron, ctx.config.timezone)?.toISOString() ?? null,
        lastRun: run ? toJobRun(run) : null,
      };
    }),
    nextCursor: null,
  };
}

export async function listJobRuns(db: Db, query: z.infer<typeof JobRunQuery>) {
  let q = db.selectFrom('job_runs').selectAll();
  if (query.name) q = q.where('name', '=', query.name);
  if (query.status) q = q.where('status', '=', query.status);
  const page = await paginate(q, {
    sort: { column: 'id', direction: 'desc' },
    idColumn: 'id',
    limit: query.limit,
    cursor: query.cursor,
    key: (r) => ({ value: r.id, id: r.id }),
  });
  return { items: page.items.map(toJobRun), nextCursor: page.nextCursor };
}
