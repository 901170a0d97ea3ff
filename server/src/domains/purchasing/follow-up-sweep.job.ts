import type { JobDefinition } from '../../platform/jobs/registry';
import { sweepPurchaseFollowUps } from './follow-up-sweep.service';

export const FOLLOW_UP_SWEEP_JOB = 'purchasing.follow-up-sweep';

/**
 * Daily at 06:15 company time: open purchase orders past their expected date raise `po.overdue`
 * once (the work domain makes the purchase follow-up task).
 * `npm run kontor -- run-job follow-up-sweep --as-of 2026-12-31` runs it for a given day.
 */
export function followUpSweepJob(): JobDefinition {
  return {
    name: FOLLOW_UP_SWEEP_JOB,
    description:
      'Raises po.overdue once for open purchase orders past their expected date (purchase follow-up task)',
    cron: '15 6 * * *',
    async run(ctx) {
      const r = await sweepPurchaseFollowUps(ctx);
      return {
        summary: `${r.raised} purchase orders newly overdue (expected before ${r.asOf})`,
        idle: r.raised === 0,
      };
    },
  };
}
