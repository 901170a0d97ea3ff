import { todayBusinessDate } from '../../../lib/format';

/**
 * Links from a workload figure to the task list, filtered the same way. Parameter names are those
 * of TaskListQuery (contracts/work.ts), which the /tasks page reads from the URL.
 */
export interface TaskLinkFilter {
  assigneeId?: string;
  teamId?: string;
  type?: string;
  unclaimed?: boolean;
  which?: 'open' | 'overdue' | 'dueToday';
}

export function tasksLink({ assigneeId, teamId, type, unclaimed, which = 'open' }: TaskLinkFilter): string {
  const params = new URLSearchParams({ status: 'open' });
  if (assigneeId) params.set('assigneeId', assigneeId);
  if (teamId) params.set('teamId', teamId);
  if (unclaimed) params.set('unclaimed', 'true');
  if (type) params.set('type', type);
  if (which === 'overdue') params.set('overdue', 'true');
  if (which === 'dueToday') {
    const today = todayBusinessDate();
    params.set('dueFrom', today);
    params.set('dueTo', today);
  }
  return `/tasks?${params.toString()}`;
}
