import type { JobDefinition } from '../../platform/jobs/registry';
import { type DueSweepResult, sweepDueInvoices } from './due-sweep.service';

export const DUE_SWEEP_JOB = 'billing.due-sweep';

/** "12 invoices newly overdue (due before 2026-12-28), 5 dunning notices (level 1: 3, level 2: 2)". */
export function dueSweepSummary(r: DueSweepResult): string {
  const head = `${r.marked} invoices newly overdue (due before ${r.dueBefore})`;
  if (!r.dunning) return `${head}, dunning off`;
  const levels = Object.entries(r.noticesByLevel)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([level, n]) => `level ${level}: ${n}`);
  return `${head}, ${r.notices} dunning notices${levels.length ? ` (${levels.join(', ')})` : ''}`;
}

/**
 * Daily at 06:00 company time: marks the invoices overdue whose due date + grace days have passed
 * unpaid and raises `invoice.overdue` for each (the work domain makes the collection task), then
 * moves overdue invoices up the dunning levels with a notice each (`invoice.dunned`).
 * `npm run kontor -- run-job billing.due-sweep --as-of 2026-12-31` runs it for a given day.
 */
export function dueSweepJob(): JobDefinition {
  return {
    name: DUE_SWEEP_JOB,
    description:
      'Marks unpaid invoices overdue after due date + grace days (invoice.overdue) and writes dunning notices (invoice.dunned)',
    cron: '0 6 * * *',
    async run(ctx) {
      const r = await sweepDueInvoices(ctx);
      return {
        summary: dueSweepSummary(r),
        idle: r.marked === 0 && r.notices === 0,
      };
    },
  };
}
