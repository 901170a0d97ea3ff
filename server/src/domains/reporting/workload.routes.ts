import { WorkloadQuery, WorkloadReport } from '../../../../contracts/goals';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { workloadReport } from './workload.query';

/** The workload and planning view for managers (issue 4). */
export function workloadRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/reports/workload',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Workload: open, overdue and due-today tasks per person, team and type, with trend, forecast and goal gaps',
        description: [
          'Managers see their teams and the teams’ members, admins everyone. Counts are of OPEN tasks now:',
          '`overdue` = due before today (company time zone) or, with a time, before now; `dueToday` = due today (whether or not its time has passed).',
          'A person’s row counts the tasks assigned to them; a team’s row its team tasks plus its current members’ tasks (a member of two teams counts in both, the total once); `unclaimed` = team tasks nobody has claimed.',
          '`teamId` limits everything to one team. `trend`: open and overdue at the end of each of the last `weeks` weeks (Sundays) from the nightly snapshot job `work.workload-snapshot`; null where no snapshot exists.',
          '`forecast`: open deals expected to close in the coming `months` months (and `overdue` ones), sum and weighted by stage probability, in cents. `goalGaps`: active goals behind pace (expected by today − actual).',
        ].join(' '),
        querystring: WorkloadQuery,
        response: { 200: WorkloadReport },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'reports.workload', 'see the workload report');
      return workloadReport(ctx, actor, request.query);
    },
  );
}
