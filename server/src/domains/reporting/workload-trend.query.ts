import { sql } from 'kysely';
import type { WorkloadReport } from '../../../../contracts/goals';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { SNAPSHOT_MARKER } from '../work';
import { addDays } from './sql-dates';
import type { TeamWithMembers } from './team-members.query';
import { workloadScope } from './workload-scope';

/** The last `weeks` Sundays before `today` (the last one whose week has ended), oldest first. */
export function weekEnds(today: string, weeks: number): string[] {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const lastSunday = addDays(today, weekday === 0 ? -7 : -weekday);
  return Array.from({ length: weeks }, (_, i) => addDays(lastSunday, -7 * (weeks - 1 - i)));
}

/**
 * Open and overdue tasks at the end of each of the last weeks, read from `workload_snapshots` (never
 * from the task history, which would scan every task ever made). The nightly job takes a snapshot
 * early each morning, so the state at the end of Sunday is the Monday snapshot. A week whose Monday
 * has no snapshot (the job did not run, or the installation is newer) is a gap: null, not zero.
 */
export async function workloadTrend(
  deps: Pick<AppContext, 'db'>,
  actor: Actor,
  team: TeamWithMembers | null,
  today: string,
  weeks: number,
): Promise<WorkloadReport['trend']> {
  const ends = weekEnds(today, weeks);
  const days = ends.map((d) => addDays(d, 1));
  const [sums, taken] = await Promise.all([
    deps.db
      .selectFrom('workload_snapshots')
      .select([
        'workload_snapshots.day',
        sql<number>`sum(workload_snapshots.open_count)`.as('open'),
        sql<number>`sum(workload_snapshots.overdue_count)`.as('overdue'),
      ])
      .where('workload_snapshots.day', 'in', days)
      .where(workloadScope(actor, 'workload_snapshots', team))
      .groupBy('workload_snapshots.day')
      .execute(),
    deps.db
      .selectFrom('workload_snapshots')
      .select('day')
      .where('day', 'in', days)
      .where('assignee_id', '=', SNAPSHOT_MARKER.assignee_id)
      .where('team_id', '=', SNAPSHOT_MARKER.team_id)
      .where('type', '=', SNAPSHOT_MARKER.type)
      .execute(),
  ]);
  const byDay = new Map(sums.map((r) => [r.day, r]));
  const takenDays = new Set(taken.map((r) => r.day));
  return ends.map((weekEnd, i) => {
    const day = days[i]!;
    if (!takenDays.has(day)) return { weekEnd, open: null, overdue: null };
    const r = byDay.get(day);
    return { weekEnd, open: Number(r?.open ?? 0), overdue: Number(r?.overdue ?? 0) };
  });
}
