import { Cron } from 'croner';
import type { Tx } from '../../../platform/db/database';
import type { JobContext, JobDefinition } from '../../../platform/jobs/registry';
import { startPlannedRuns } from './create-runs';
import { scheduleReason } from './reason';
import { engineRule } from './rule-definition';

export const SCHEDULES_JOB = 'automation.schedules';

/** The next instant after `after` a cron expression is due in the time zone (null: never). */
export function nextCronRun(cron: string, timezone: string, after: Date): Date | null {
  return new Cron(cron, { timezone, paused: true }).nextRun(after);
}

/** The next `count` instants (the dry run of a schedule). */
export function nextCronRuns(cron: string, timezone: string, after: Date, count: number): Date[] {
  return new Cron(cron, { timezone, paused: true }).nextRuns(count, after);
}

/**
 * Runs the schedule rules that are due: one run per rule and due instant (`schedule:<instant>`,
 * unique), then the rule's cursor `next_run_at` moves to its next instant after now (missed
 * instants while nothing ran are not made up one by one: one run covers them).
 */
export async function runDueSchedules(ctx: JobContext): Promise<number> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('automation_rules')
    .select(['id', 'name', 'version', 'definition', 'next_run_at'])
    .where('trigger_kind', '=', 'schedule')
    .where('enabled', '=', 1)
    .where('deleted_at', 'is', null)
    .where('next_run_at', '<=', now.toISOString())
    .execute();
  let runs = 0;
  for (const row of rows) {
    const rule = engineRule(row);
    if (rule.trigger.kind !== 'schedule' || !row.next_run_at) continue;
    const trigger = rule.trigger;
    const dueAt = row.next_run_at;
    await ctx.db.transaction().execute(async (trx: Tx) => {
      const [run] = await startPlannedRuns(trx, ctx, now, [
        {
          rule,
          triggerKey: `schedule:${dueAt}`,
          eventId: null,
          eventType: null,
          recordType: null,
          recordId: null,
          recordLabel: null,
          evaluated: [],
          reason: scheduleReason(trigger.cron, new Date(dueAt), ctx.config.timezone),
          origin: `rule:${rule.id}@${rule.version}`,
          scope: {},
        },
      ]);
      if (run) runs++;
      const next = nextCronRun(trigger.cron, ctx.config.timezone, now);
      await trx
        .updateTable('automation_rules')
        .set({ next_run_at: next ? next.toISOString() : null })
        .where('id', '=', rule.id)
        .where('version', '=', rule.version)
        .execute();
    });
  }
  return runs;
}

export function schedulesJob(): JobDefinition {
  return {
    name: SCHEDULES_JOB,
    description: 'Starts the runs of schedule rules that are due',
    cron: '* * * * *',
    async run(ctx) {
      const n = await runDueSchedules(ctx);
      return { summary: `${n} scheduled rule runs`, idle: n === 0 };
    },
  };
}
