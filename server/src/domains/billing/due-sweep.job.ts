import type { JobDefinition } from '../../platform/jobs/registry';
import { sweepDueInvoices } from './due-sweep.service';

export const DUE_SWEEP_JOB = 'billing.due-sweep';

/**
 * Daily at 06:00 company time: marks the invoices overdue whose due date + grace days have passed
 * unpaid and raises `invoice.overdue` for each (the work domain makes the collection task).
 * `npm run kontor -- run-job billing.due-sweep --as-of 2026-12-31` runs it for a given day.
 */
export function dueSweepJob(): JobDefinition {
  return {
    name: DUE_SWEEP_JOB,
    description: 'Marks unpaid invoices overdue after due date + grace days and raises invoice.overdue',
    cron: '0 6 * * *',
    async run(ctx) {
      const r = await sweepDueInvoices(ctx);
      return {
        summary: `${r.marked} invoices newly overdue (due before ${r.dueBefore})`,
        idle: r.marked === 0,
      };
    },
  };
}
