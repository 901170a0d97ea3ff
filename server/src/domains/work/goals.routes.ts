import { z } from 'zod';
import { IdParams } from '../../../../contracts/common';
import {
  CreateGoal,
  DeleteGoalQuery,
  GoalList,
  GoalListQuery,
  GoalProgress,
  GoalWithProgress,
  UpdateGoal,
} from '../../../../contracts/goals';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { createGoal, deleteGoal, getGoal, getGoalProgress, listGoals, updateGoal } from './goals.service';

const PROGRESS_RULES =
  'Progress is computed from the data: `revenue_won` sums the amounts (cents) and `deals_won` counts the deals won in the period (company time zone); `deals_created` counts deals created in it; `activities_completed` counts tasks completed in it, of `taskType` or of every activity type (call, meeting, e-mail …); `invoices_collected` sums the payments (cents) received in the period on invoices the person owns or that carry the team / belong to its members. A person’s goal counts what they own or are assigned; a team’s counts what carries the team or is owned by its current members. Pacing: `expectedByToday` = target × days elapsed ÷ days in the period (calendar days, both ends counted); status `on_track` within ±5 % of it, `ahead` above, `behind` below; `achieved` once the target is reached, `missed` when the period ended short of it, `upcoming` before it starts.';

/** Goals for people and teams, with progress computed by reporting (docs/adr/0003). */
export function goalsRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/goals',
    {
      schema: {
        tags: ['goals'],
        summary: 'Goals you may see, with progress',
        description: `Admins see every goal, managers those of their teams and members, sales people their own and their teams’. Without \`activeOn\` only goals running today; \`activeOn=all\` for every goal. \`mine=true\`: your goals and your teams’. ${PROGRESS_RULES}`,
        querystring: GoalListQuery,
        response: { 200: GoalList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'goals.read', 'see goals');
      return { items: await listGoals(ctx, actor, request.query) };
    },
  );

  app.post(
    '/api/goals',
    {
      schema: {
        tags: ['goals'],
        summary: 'Set a goal for a person or a team',
        description:
          'Either `userId` or `teamId`. For `month`, `quarter` and `year` the period is the calendar period containing `periodStart`; `custom` needs `periodEnd` ≥ `periodStart`. `target` in cents for `revenue_won` and `invoices_collected`, a count otherwise. Without `name` one is made up (e.g. "Revenue won · Vertrieb Nord · 2026-11"). Managers set goals for their teams and their members.',
        body: CreateGoal,
        response: { 201: GoalWithProgress },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'goals.manage', 'set goals');
      return reply.status(201).send(await createGoal(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/goals/:id',
    {
      schema: {
        tags: ['goals'],
        summary: 'One goal with its progress',
        params: IdParams,
        response: { 200: GoalWithProgress },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'goals.read', 'see goals');
      return getGoal(ctx, actor, request.params.id);
    },
  );

  app.get(
    '/api/goals/:id/progress',
    {
      schema: {
        tags: ['goals'],
        summary: 'Progress and pacing of a goal',
        description: PROGRESS_RULES,
        params: IdParams,
        response: { 200: GoalProgress },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'goals.read', 'see goals');
      return getGoalProgress(ctx, actor, request.params.id);
    },
  );

  app.patch(
    '/api/goals/:id',
    {
      schema: {
        tags: ['goals'],
        summary: 'Change a goal’s name, target, task type or period',
        description:
          'Send the goal’s `version` (stale: 409). The person or team and the metric stay; set a new goal for another. A generated name follows a changed period; an empty `name` generates one.',
        params: IdParams,
        body: UpdateGoal,
        response: { 200: GoalWithProgress },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'goals.manage', 'change goals');
      return updateGoal(ctx, actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/goals/:id',
    {
      schema: {
        tags: ['goals'],
        summary: 'Delete a goal',
        params: IdParams,
        querystring: DeleteGoalQuery,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'goals.manage', 'delete goals');
      await deleteGoal(ctx, actor, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
