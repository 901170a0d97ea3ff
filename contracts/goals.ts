import { z } from 'zod';
import { BusinessDate, Id, Instant, Version } from './common';
import { TaskTypeKey } from './work';

/* Goals, the workload report and the customers' last contact (tasks and task types: ./work). */

// ─── goals ───────────────────────────────────────────────────────────────────────────────────────

export const GoalMetric = z.enum([
  'revenue_won',
  'deals_won',
  'deals_created',
  'activities_completed',
  'invoices_collected',
]);
export type GoalMetric = z.infer<typeof GoalMetric>;
/** Metrics whose target and progress are money (cents). */
export const MONEY_GOAL_METRICS: readonly GoalMetric[] = ['revenue_won', 'invoices_collected'];
export const GoalPeriodKind = z.enum(['month', 'quarter', 'year', 'custom']);
export type GoalPeriodKind = z.infer<typeof GoalPeriodKind>;

export const Goal = z.object({
  id: Id,
  name: z.string(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  metric: GoalMetric,
  taskType: z.string().nullable(),
  periodKind: GoalPeriodKind,
  periodStart: BusinessDate,
  periodEnd: BusinessDate,
  /** Cents for money metrics, a count otherwise. */
  target: z.number().int(),
  createdBy: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Goal = z.infer<typeof Goal>;

export const GoalProgress = z.object({
  goalId: Id,
  /** Achieved so far in the period (cents or count), computed from the data. */
  actual: z.number().int(),
  target: z.number().int(),
  /** actual ÷ target in percent (may exceed 100). */
  percent: z.number(),
  /** Where a straight line from 0 to the target would be today (= target once the period ended). */
  expectedByToday: z.number().int(),
  /** actual − expectedByToday: negative = behind. */
  pace: z.number().int(),
  status: z.enum(['ahead', 'on_track', 'behind', 'achieved', 'missed', 'upcoming']),
  daysTotal: z.number().int(),
  daysElapsed: z.number().int(),
  asOf: BusinessDate,
});
export type GoalProgress = z.infer<typeof GoalProgress>;
export const GoalWithProgress = Goal.extend({ progress: GoalProgress });
export type GoalWithProgress = z.infer<typeof GoalWithProgress>;

const Target = z.number().int({ message: 'Use a whole number (cents for money)' }).min(1).max(1e15);
export const CreateGoal = z
  .strictObject({
    name: z.string().trim().max(200).optional(),
    userId: Id.nullish(),
    teamId: Id.nullish(),
    metric: GoalMetric,
    taskType: TaskTypeKey.nullish(),
    periodKind: GoalPeriodKind,
    /** For month/quarter/year: any day in the period (the period is derived); for custom: the start. */
    periodStart: BusinessDate,
    /** Only for custom periods. */
    periodEnd: BusinessDate.optional(),
    target: Target,
  })
  .refine((g) => Boolean(g.userId) !== Boolean(g.teamId), {
    message: 'Set a goal for either a person or a team',
    path: ['userId'],
  });
export type CreateGoal = z.input<typeof CreateGoal>;
export const UpdateGoal = z.strictObject({
  version: Version,
  name: z.string().trim().max(200).optional(),
  target: Target.optional(),
  taskType: TaskTypeKey.nullish(),
  periodKind: GoalPeriodKind.optional(),
  periodStart: BusinessDate.optional(),
  periodEnd: BusinessDate.optional(),
});
export type UpdateGoal = z.input<typeof UpdateGoal>;
export const GoalListQuery = z.object({
  /** A user id or `me`. */
  userId: z.union([Id, z.literal('me')]).optional(),
  teamId: Id.optional(),
  /** Goals whose period contains this day (default: today); `all` for every goal. */
  activeOn: z.union([BusinessDate, z.literal('all')]).optional(),
  metric: GoalMetric.optional(),
  /** Goals of the user and of the user's teams (the "my goals" widget). */
  mine: z.stringbool().optional(),
});
export type GoalListQuery = z.infer<typeof GoalListQuery>;
export const GoalList = z.object({ items: z.array(GoalWithProgress) });
export const DeleteGoalQuery = z.object({
  /** The goal's version; a stale one is 409 (leave out to delete whatever it is now). */
  version: z.coerce.number().int().min(1).optional(),
});

// ─── workload report ─────────────────────────────────────────────────────────────────────────────

export const WorkloadQuery = z.object({
  teamId: Id.optional(),
  /** Weeks of trend (open and overdue at the end of each week). */
  weeks: z.coerce.number().int().min(1).max(26).default(8),
  /** Months of pipeline forecast beside the workload. */
  months: z.coerce.number().int().min(1).max(12).default(3),
});
export const WorkloadCounts = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  dueToday: z.number().int(),
  /** Open tasks per type key. */
  byType: z.record(z.string(), z.object({ open: z.number().int(), overdue: z.number().int() })),
});
export const WorkloadRow = WorkloadCounts.extend({
  id: z.string(),
  name: z.string(),
});
export const WorkloadReport = z.object({
  asOf: BusinessDate,
  /** The task types that have open tasks or are not archived, in their order (for columns). */
  types: z.array(z.object({ key: z.string(), name: z.string() })),
  total: WorkloadCounts,
  /** Per person (assigned tasks). */
  people: z.array(WorkloadRow),
  /** Per team: its team tasks and its current members' tasks; `unclaimed` team tasks have no assignee. */
  teams: z.array(WorkloadRow.extend({ unclaimed: z.number().int() })),
  /**
   * Open and overdue at the end of each of the last weeks (Sundays, oldest first), from the nightly
   * workload snapshots; null where no snapshot was taken (a gap, not a zero).
   */
  trend: z.array(
    z.object({
      weekEnd: BusinessDate,
      open: z.number().int().nullable(),
      overdue: z.number().int().nullable(),
    }),
  ),
  forecast: z.array(
    z.object({
      /** `overdue` (open deals expected before today) or a month `YYYY-MM` from this one on. */
      month: z.string(),
      openCents: z.number().int(),
      weightedCents: z.number().int(),
      deals: z.number().int(),
    }),
  ),
  goalGaps: z.array(
    z.object({
      goalId: Id,
      name: z.string(),
      ownerName: z.string(),
      metric: GoalMetric,
      target: z.number().int(),
      actual: z.number().int(),
      expectedByToday: z.number().int(),
      gap: z.number().int(),
    }),
  ),
});
export type WorkloadReport = z.infer<typeof WorkloadReport>;

// ─── last contact (the collections page: when did anyone last talk to the customer) ──────────────

/** `companyIds=a,b,c`: up to 200 company ids, comma-separated. */
export const LastContactQuery = z.object({
  companyIds: z.string().min(1).max(20_000),
});
export type LastContactQuery = z.infer<typeof LastContactQuery>;

/** The latest completed activity (a task of an activity type: call, meeting, e-mail, …) with a company. */
export const LastContact = z.object({
  companyId: Id,
  taskId: Id,
  /** The task type's key and name (e.g. `call` / "Anruf"). */
  type: z.string(),
  typeName: z.string(),
  subject: z.string(),
  /** When it was completed (for a logged activity: when it happened). */
  completedAt: Instant,
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
});
export type LastContact = z.infer<typeof LastContact>;
/** One item per company that has a completed activity you may see; companies without one are left out. */
export const LastContactList = z.object({ items: z.array(LastContact) });
export type LastContactList = z.infer<typeof LastContactList>;
