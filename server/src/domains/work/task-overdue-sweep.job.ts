import type { JobDefinition } from '../../platform/jobs/registry';
import { sweepOverdueTasks } from './task-overdue-sweep.service';

export const TASK_OVERDUE_SWEEP_JOB = 'work.task-overdue-sweep';

/**
 * Every 15 minutes: raises `task.overdue` for open tasks that passed their due date or time (rules
 * triggered by it react). `npm run kontor -- run-job work.task-overdue-sweep --as-of 2026-12-01`
 * sweeps as of that day (06:00 company time).
 */
export function taskOverdueSweepJob(): JobDefinition {
  return {
    name: TASK_OVERDUE_SWEEP_JOB,
    description: 'Raises task.overdue once per task and due date for open tasks past their due date or time',
    cron: '*/15 * * * *',
    async run(ctx) {
      const r = await sweepOverdueTasks(ctx);
      return { summary: `${r.raised} tasks newly overdue`, idle: r.raised === 0 };
    },
  };
}
