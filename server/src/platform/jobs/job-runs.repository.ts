import type { DbOrTx } from '../db/database';

export type JobRunStatus = 'running' | 'succeeded' | 'failed';
/** What started the run: its cron schedule, the admin CLI or the admin API. */
export type JobTrigger = 'schedule' | 'cli' | 'api';

export interface JobRunsTable {
  id: string;
  name: string;
  trigger: JobTrigger;
  /** The business date the run was made "as of" (YYYY-MM-DD); null = now. */
  as_of: string | null;
  status: JobRunStatus;
  summary: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

declare module '../db/database' {
  interface Database {
    job_runs: JobRunsTable;
  }
}

export function insertJobRun(db: DbOrTx, row: JobRunsTable) {
  return db.insertInto('job_runs').values(row).execute();
}

export function finishJobRun(
  db: DbOrTx,
  id: string,
  change: Pick<JobRunsTable, 'status' | 'summary' | 'error' | 'finished_at'>,
) {
  return db.updateTable('job_runs').set(change).where('id', '=', id).execute();
}

export function deleteJobRun(db: DbOrTx, id: string) {
  return db.deleteFrom('job_runs').where('id', '=', id).execute();
}

/** The latest run of each of the given jobs. */
export async function lastRuns(db: DbOrTx, names: string[]): Promise<Map<string, JobRunsTable>> {
  const result = new Map<string, JobRunsTable>();
  // One indexed lookup per job: the registry holds a handful of jobs.
  for (const name of names) {
    const row = await db
      .selectFrom('job_runs')
      .selectAll()
      .where('name', '=', name)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row) result.set(name, row);
  }
  return result;
}
