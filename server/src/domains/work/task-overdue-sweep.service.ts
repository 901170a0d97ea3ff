import { type Actor, systemActor } from '../../platform/actor';
import { businessDate, type Clock } from '../../platform/clock';
import type { Db, Dialect } from '../../platform/db/database';
import { publishMany } from '../../platform/events/publish';
import {
  findOverdueUnraised,
  lockOverdueSweep,
  markOverdueRaised,
  type OverdueCursor,
} from './task-overdue-sweep.repository';

export const TASK_OVERDUE_SWEEP_ACTOR: Actor = systemActor('job:work.task-overdue-sweep');

/** Tasks per transaction: each batch marks its tasks and writes their events in one commit. */
export const TASK_OVERDUE_BATCH_SIZE = 2000;

export interface TaskOverdueSweepDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: { timezone: string };
}

/**
 * Raises `task.overdue` for every open task whose due date (an all-day task) or due time (a timed
 * one) has passed, once per task and due date: batch by batch, the conditional UPDATE marks the
 * tasks (`overdue_raised_for` = their due date) and the batch's events go to the outbox in the same
 * transaction. Running it twice, on two workers or again after a crash raises nothing twice;
 * moving a task's due date and missing the new one raises it again. Returns how many it raised.
 */
export async function sweepOverdueTasks(
  deps: TaskOverdueSweepDeps,
  opts: { batchSize?: number; actor?: Actor } = {},
): Promise<{ raised: number; asOf: string }> {
  const batchSize = opts.batchSize ?? TASK_OVERDUE_BATCH_SIZE;
  const now = deps.clock.now();
  const moment = { today: businessDate(now, deps.config.timezone), now: now.toISOString() };
  let raised = 0;
  let after: OverdueCursor | null = null;
  for (;;) {
    const cursor: OverdueCursor | null = after;
    const batch = await deps.db.transaction().execute(async (trx) => {
      await lockOverdueSweep(trx, deps.dialect);
      const candidates = await findOverdueUnraised(trx, moment, batchSize, cursor);
      if (candidates.length === 0) return null;
      const rows = await markOverdueRaised(
        trx,
        candidates.map((c) => c.id),
      );
      await publishMany(
        trx,
        deps.clock,
        opts.actor ?? TASK_OVERDUE_SWEEP_ACTOR,
        'task.overdue',
        rows.map((row) => ({
          taskId: row.id,
          type: row.type,
          assigneeId: row.assignee_id,
          teamId: row.team_id,
          dueDate: row.due_date,
        })),
      );
      const last = candidates[candidates.length - 1]!;
      return { seen: candidates.length, raised: rows.length, last: { dueDate: last.due_date!, id: last.id } };
    });
    if (!batch) break;
    raised += batch.raised;
    after = batch.last;
    if (batch.seen < batchSize) break;
  }
  return { raised, asOf: moment.today };
}
