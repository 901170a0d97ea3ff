import type {
  CreateGoal,
  Goal,
  GoalListQuery,
  GoalMetric,
  GoalPeriodKind,
  GoalProgress,
  GoalWithProgress,
  UpdateGoal,
} from '../../../../contracts/goals';
import { type Actor, scopeOf } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getMemberIdsOfTeams, getTeamNames, getUserSummaries, getUserSummary } from '../identity';
import { type GoalForProgress, goalProgress } from '../reporting';
import {
  deleteGoal as deleteGoalRow,
  findGoal,
  type GoalRow,
  insertGoal,
  listGoals as listGoalRows,
  updateGoal as updateGoalRow,
} from './goals.repository';
import { calendarPeriod, daysInclusive, type Period, periodLabel } from './periods';
import { findTaskType } from './task-types.repository';
import { unprocessable } from './tasks.links';

export type GoalsDeps = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** Custom periods up to ten years: longer ones are a typo, not a plan. */
const MAX_CUSTOM_DAYS = 3660;

// ─── periods and names ───────────────────────────────────────────────────────────────────────────

/** The period of a goal: month/quarter/year are the calendar periods containing `start`. */
export function derivePeriod(kind: GoalPeriodKind, start: string, end: string | undefined): Period {
  if (kind !== 'custom') {
    if (end !== undefined) {
      throw unprocessable(
        'work.goal_period_end_not_custom',
        `A ${kind} goal's period follows from periodStart; periodEnd is only for custom periods`,
        'periodEnd',
        'Only for custom periods',
      );
    }
    return calendarPeriod(kind, start);
  }
  if (end === undefined) {
    throw unprocessable('work.goal_period_end_required', 'A custom period needs periodEnd', 'periodEnd');
  }
  if (end < start) {
    throw unprocessable(
      'work.goal_period_reversed',
      'The period ends before it starts',
      'periodEnd',
      'Must be on or after periodStart',
    );
  }
  if (daysInclusive(start, end) > MAX_CUSTOM_DAYS) {
    throw unprocessable('work.goal_period_too_long', 'A custom period can be at most ten years', 'periodEnd');
  }
  return { start, end };
}

const METRIC_NAMES: Record<GoalMetric, string> = {
  revenue_won: 'Revenue won',
  deals_won: 'Deals won',
  deals_created: 'New deals',
  activities_completed: 'Activities completed',
  invoices_collected: 'Invoices collected',
};

function defaultName(
  metric: GoalMetric,
  taskTypeName: string | null,
  ownerName: string,
  kind: GoalPeriodKind,
  period: Period,
): string {
  const what = taskTypeName ? `${METRIC_NAMES[metric]} (${taskTypeName})` : METRIC_NAMES[metric];
  return `${what} · ${ownerName} · ${periodLabel(kind, period)}`;
}

// ─── reading ─────────────────────────────────────────────────────────────────────────────────────

function progressInput(row: GoalRow): GoalForProgress {
  return {
    id: row.id,
    userId: row.user_id,
    teamId: row.team_id,
    metric: row.metric,
    taskType: row.task_type,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    target: Number(row.target),
  };
}

function toGoal(row: GoalRow, names: { userName: string | null; teamName: string | null }): Goal {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    userName: names.userName,
    teamId: row.team_id,
    teamName: names.teamName,
    metric: row.metric,
    taskType: row.task_type,
    periodKind: row.period_kind,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    target: Number(row.target),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Goals with the names of their people and teams and their progress (a few queries per page). */
async function withProgress(deps: GoalsDeps, db: DbOrTx, rows: GoalRow[]): Promise<GoalWithProgress[]> {
  if (rows.length === 0) return [];
  const [users, teams, progress] = await Promise.all([
    getUserSummaries(
      db,
      rows.flatMap((r) => (r.user_id ? [r.user_id] : [])),
    ),
    getTeamNames(
      db,
      rows.flatMap((r) => (r.team_id ? [r.team_id] : [])),
    ),
    goalProgress(deps, rows.map(progressInput)),
  ]);
  return rows.map((r) => ({
    ...toGoal(r, {
      userName: r.user_id ? (users.get(r.user_id)?.name ?? null) : null,
      teamName: r.team_id ? (teams.get(r.team_id) ?? null) : null,
    }),
    progress: progress.get(r.id)!,
  }));
}

async function loadGoalRow(db: DbOrTx, actor: Actor, id: string): Promise<GoalRow> {
  const row = await findGoal(db, id, actor);
  if (!row) throw notFound('goal', id);
  return row;
}

export async function listGoals(
  deps: GoalsDeps,
  actor: Actor,
  query: GoalListQuery,
): Promise<GoalWithProgress[]> {
  const today = businessDate(deps.clock.now(), deps.config.timezone);
  const rows = await listGoalRows(deps.db, actor, {
    userId: query.userId === 'me' ? (actor.userId ?? '-') : query.userId,
    teamId: query.teamId,
    metric: query.metric,
    activeOn: query.activeOn === 'all' ? undefined : (query.activeOn ?? today),
    mineOf: query.mine ? { userId: actor.userId ?? '-', teamIds: actor.teamIds } : undefined,
  });
  return withProgress(deps, deps.db, rows);
}

export async function getGoal(deps: GoalsDeps, actor: Actor, id: string): Promise<GoalWithProgress> {
  const [goal] = await withProgress(deps, deps.db, [await loadGoalRow(deps.db, actor, id)]);
  return goal!;
}

export async function getGoalProgress(deps: GoalsDeps, actor: Actor, id: string): Promise<GoalProgress> {
  const row = await loadGoalRow(deps.db, actor, id);
  return (await goalProgress(deps, [progressInput(row)])).get(id)!;
}

// ─── checks ──────────────────────────────────────────────────────────────────────────────────────

/** The person or team exists, and the actor plans for them (managers: their teams and members). */
async function checkOwner(
  db: DbOrTx,
  actor: Actor,
  owner: { userId: string | null; teamId: string | null },
  isNew = false,
): Promise<string> {
  const scope = scopeOf(actor);
  if (owner.teamId) {
    const name = (await getTeamNames(db, [owner.teamId])).get(owner.teamId);
    if (!name)
      throw unprocessable(
        'work.unknown_team',
        `Team ${owner.teamId} does not exist`,
        'teamId',
        'No such team',
      );
    if (scope !== 'all' && !actor.teamIds.includes(owner.teamId)) {
      throw unprocessable(
        'work.goal_not_your_team',
        'You can set goals only for your own teams and their members',
        'teamId',
        'Not one of your teams',
      );
    }
    return name;
  }
  const user = owner.userId ? await getUserSummary(db, owner.userId) : null;
  if (!user)
    throw unprocessable('work.unknown_user', `User ${owner.userId} does not exist`, 'userId', 'No such user');
  if (!user.active && isNew) {
    throw unprocessable(
      'work.user_inactive',
      `${user.name} is deactivated`,
      'userId',
      'Choose an active user',
    );
  }
  if (scope !== 'all' && user.id !== actor.userId) {
    const members = await getMemberIdsOfTeams(db, actor.teamIds);
    if (![...members.values()].some((ids) => ids.includes(user.id))) {
      throw unprocessable(
        'work.goal_not_your_member',
        `${user.name} is not a member of your teams; you can set goals only for your teams and their members`,
        'userId',
        'Not a member of your teams',
      );
    }
  }
  return user.name;
}

/** The task type an activity goal counts (null = every activity type); other metrics have none. */
async function checkTaskType(
  db: DbOrTx,
  metric: GoalMetric,
  taskType: string | null,
): Promise<string | null> {
  if (!taskType) return null;
  if (metric !== 'activities_completed') {
    throw unprocessable(
      'work.goal_task_type_not_activity',
      'Only goals for completed activities count a task type',
      'taskType',
      'Only for activities completed',
    );
  }
  const type = await findTaskType(db, taskType);
  if (!type)
    throw unprocessable('work.unknown_task_type', `Task type "${taskType}" does not exist`, 'taskType');
  return type.name;
}

function auditSnapshot(row: GoalRow): Record<string, unknown> {
  const { userName: _u, teamName: _t, ...fields } = toGoal(row, { userName: null, teamName: null });
  return fields;
}

// ─── changing ────────────────────────────────────────────────────────────────────────────────────

export async function createGoal(
  deps: GoalsDeps,
  actor: Actor,
  input: CreateGoal,
): Promise<GoalWithProgress> {
  const row = await deps.db.transaction().execute(async (trx) => {
    const userId = input.userId ?? null;
    const teamId = input.teamId ?? null;
    const ownerName = await checkOwner(trx, actor, { userId, teamId }, true);
    const taskTypeName = await checkTaskType(trx, input.metric, input.taskType ?? null);
    const period = derivePeriod(input.periodKind, input.periodStart, input.periodEnd);
    const now = deps.clock.now().toISOString();
    const created: GoalRow = {
      id: uuidv7(),
      name: input.name || defaultName(input.metric, taskTypeName, ownerName, input.periodKind, period),
      user_id: teamId ? null : userId,
      team_id: teamId,
      metric: input.metric,
      task_type: input.taskType ?? null,
      period_kind: input.periodKind,
      period_start: period.start,
      period_end: period.end,
      target: input.target,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await insertGoal(trx, created);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'goal',
      entityId: created.id,
      before: null,
      after: auditSnapshot(created),
    });
    return created;
  });
  return (await withProgress(deps, deps.db, [row]))[0]!;
}

export async function updateGoal(
  deps: GoalsDeps,
  actor: Actor,
  id: string,
  input: UpdateGoal,
): Promise<GoalWithProgress> {
  const row = await deps.db.transaction().execute(async (trx) => {
    const before = await loadGoalRow(trx, actor, id);
    if (before.version !== input.version) throw staleVersion('goal', id);
    const ownerName = await checkOwner(trx, actor, { userId: before.user_id, teamId: before.team_id });
    const taskType = input.taskType !== undefined ? (input.taskType ?? null) : before.task_type;
    const taskTypeName = await checkTaskType(trx, before.metric, taskType);
    const kind = input.periodKind ?? before.period_kind;
    const periodChanged =
      input.periodKind !== undefined || input.periodStart !== undefined || input.periodEnd !== undefined;
    const period = periodChanged
      ? derivePeriod(
          kind,
          input.periodStart ?? before.period_start,
          kind === 'custom' ? (input.periodEnd ?? before.period_end) : input.periodEnd,
        )
      : { start: before.period_start, end: before.period_end };
    // a name that was generated follows the goal; one typed by a person stays
    const beforeTypeName = await checkTaskType(trx, before.metric, before.task_type);
    const generated =
      before.name ===
      defaultName(before.metric, beforeTypeName, ownerName, before.period_kind, {
        start: before.period_start,
        end: before.period_end,
      });
    const newDefault = defaultName(before.metric, taskTypeName, ownerName, kind, period);
    const name = input.name !== undefined ? input.name || newDefault : generated ? newDefault : before.name;
    const after: GoalRow = {
      ...before,
      name,
      task_type: taskType,
      period_kind: kind,
      period_start: period.start,
      period_end: period.end,
      target: input.target ?? Number(before.target),
      updated_at: deps.clock.now().toISOString(),
      version: before.version + 1,
    };
    const { id: _id, version: _v, ...patch } = after;
    if (!(await updateGoalRow(trx, id, input.version, patch))) throw staleVersion('goal', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'goal',
      entityId: id,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    return after;
  });
  return (await withProgress(deps, deps.db, [row]))[0]!;
}

export async function deleteGoal(
  deps: GoalsDeps,
  actor: Actor,
  id: string,
  version: number | undefined,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadGoalRow(trx, actor, id);
    if (version !== undefined && before.version !== version) throw staleVersion('goal', id);
    await checkOwner(trx, actor, { userId: before.user_id, teamId: before.team_id });
    if (!(await deleteGoalRow(trx, id))) throw notFound('goal', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'goal',
      entityId: id,
      before: auditSnapshot(before),
      after: null,
    });
  });
}
