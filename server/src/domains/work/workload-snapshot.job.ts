import type { JobDefinition } from '../../platform/jobs/registry';
import { takeWorkloadSnapshot } from './workload-snapshot.repository';

/** Nightly, just after midnight: the workload snapshot of the new day (the trend of the workload report). */
export function workloadSnapshotJob(): JobDefinition {
  return {
    name: 'work.workload-snapshot',
    description: 'Records open and overdue tasks per person, team and type for the workload trend',
    cron: '5 0 * * *',
    async run(ctx) {
      const r = await takeWorkloadSnapshot(ctx.db, ctx.clock.now(), ctx.config.timezone);
      return { summary: `workload snapshot of ${r.day}: ${r.open} open tasks in ${r.rows} rows` };
    },
  };
}
