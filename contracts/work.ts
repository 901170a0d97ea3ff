import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse, Version } from './common';

// ─── task types ──────────────────────────────────────────────────────────────────────────────────

/** A task type's key: built-in ones are call, meeting, email, todo, collection, purchase_follow_up. */
export const TaskTypeKey = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'Use lower-case letters, digits and _ (e.g. site_visit)' });

export const TaskType = z.object({
  key: z.string(),
  name: z.string(),
  /** Sales activities (calls, meetings, e-mails) count in the activity-conversion report. */
  isActivity: z.boolean(),
  builtin: z.boolean(),
  defaultDurationMinutes: z.number().int(),
  position: z.number().int(),
  archived: z.boolean(),
});
export type TaskType = z.infer<typeof TaskType>;
export const TaskTypeList = z.object({ items: z.array(TaskType) });

const TypeName = z.string().trim().min(1, { message: 'Enter a name' }).max(100);
const DurationMinutes = z
  .number()
  .int({ message: 'Use whole minutes' })
  .min(0)
  .max(24 * 60 * 7);

export const CreateTaskType = z.strictObject({
  key: TaskTypeKey,
  name: TypeName,
  isActivity: z.boolean().default(false),
  defaultDurationMinutes: DurationMinutes.default(30),
});
export type CreateTaskType = z.input<typeof CreateTaskType>;
export const UpdateTaskType = z.strictObject({
  name: TypeName.optional(),
  isActivity: z.boolean().optional(),
  defaultDurationMinutes: DurationMinutes.optional(),
  position: z.number().int().min(0).optional(),
  archived: z.boolean().optional(),
});
export type UpdateTaskType = z.input<typeof UpdateTaskType>;

// ─── tasks ───────────────────────────────────────────────────────────────────────────────────────

export const TaskStatus = z.enum(['open', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const TaskPriority = z.enum(['low', 'normal', 'high']);
export type TaskPriority = z.infer<typeof TaskPriority>;
/** How a call or meeting went. */
export const TaskOutcome = z.enum([
  'connected',
  'no_answer',
  'left_message',
  'busy',
  'wrong_number',
  'held',
  'rescheduled',
  'no_show',
]);
export type TaskOutcome = z.infer<typeof TaskOutcome>;
export const TaskOrigin = z.enum(['manual', 'rule', 'system']);
export type TaskOrigin = z.infer<typeof TaskOrigin>;
export const Recurrence = z.enum(['none', 'daily', 'weekly', 'monthly']);
export type Recurrence = z.infer<typeof Recurrence>;

export const Task = z.object({
  id: Id,
  type: z.string(),
  typeName: z.string(),
  subject: z.string(),
  notes: z.string().nullable(),
  /** Business date it is due (company time zone); null = no due date. */
  dueDate: BusinessDate.nullable(),
  /** The exact instant for tasks with a time (a meeting at 10:00); null for all-day tasks. */
  dueAt: Instant.nullable(),
  durationMinutes: z.number().int().nullable(),
  priority: TaskPriority,
  status: TaskStatus,
  /** Open and due before today (or, with a time, before now). */
  overdue: z.boolean(),
  outcome: TaskOutcome.nullable(),
  /** The user doing it; null for a team task nobody has claimed yet. */
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  companyId: Id.nullable(),
  companyName: z.string().nullable(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  dealId: Id.nullable(),
  dealTitle: z.string().nullable(),
  /** The invoice a collection task is about (made by the due sweep), and its number. */
  invoiceId: Id.nullable(),
  invoiceNumber: z.string().nullable(),
  origin: TaskOrigin,
  /** For rule/system tasks: what made it (a rule id, an invoice number …), and a readable label. */
  originRef: z.string().nullable(),
  originLabel: z.string().nullable(),
  recurrence: Recurrence,
  recurrenceInterval: z.number().int(),
  recurrenceUntil: BusinessDate.nullable(),
  seriesId: Id.nullable(),
  reminderAt: Instant.nullable(),
  reminderFiredAt: Instant.nullable(),
  completedAt: Instant.nullable(),
  completedBy: Id.nullable(),
  cancelledAt: Instant.nullable(),
  createdBy: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Task = z.infer<typeof Task>;

const Subject = z.string().trim().min(1, { message: 'Enter a subject' }).max(300);
const Notes = z.string().max(20_000);

/**
 * When the reminder fires: `default` uses the assignee's settings (minutes before a task with a
 * time, a time of day on the due day for all-day tasks), `none` has no reminder, or an instant.
 */
export const ReminderInput = z.union([z.literal('default'), z.literal('none'), Instant]);

export const CreateTask = z
  .strictObject({
    type: TaskTypeKey,
    subject: Subject,
    notes: Notes.nullish(),
    dueDate: BusinessDate.nullish(),
    /** With a time: the instant (dueDate is then derived from it in the company time zone). */
    dueAt: Instant.nullish(),
    durationMinutes: DurationMinutes.nullish(),
    priority: TaskPriority.default('normal'),
    /** A user, or a team (or both: a team task already given to a member). Defaults to the creator. */
    assigneeId: Id.nullish(),
    teamId: Id.nullish(),
    companyId: Id.nullish(),
    contactId: Id.nullish(),
    dealId: Id.nullish(),
    /** An invoice the task is about (e.g. a call logged on an overdue invoice); implies its company. */
    invoiceId: Id.nullish(),
    recurrence: Recurrence.default('none'),
    recurrenceInterval: z.number().int().min(1).max(365).default(1),
    recurrenceUntil: BusinessDate.nullish(),
    reminder: ReminderInput.default('default'),
    /**
     * Log an activity that already happened ("I just called"): the task is created done, with
     * `completedAt` = now (or the given instant) and no reminder.
     */
    done: z.boolean().default(false),
    completedAt: Instant.optional(),
    outcome: TaskOutcome.nullish(),
  })
  .refine((t) => t.recurrence === 'none' || t.dueDate || t.dueAt, {
    message: 'A recurring task needs a due date',
    path: ['dueDate'],
  });
export type CreateTask = z.input<typeof CreateTask>;

export const UpdateTask = z.strictObject({
  version: Version,
  type: TaskTypeKey.optional(),
  subject: Subject.optional(),
  notes: Notes.nullish(),
  dueDate: BusinessDate.nullish(),
  dueAt: Instant.nullish(),
  durationMinutes: DurationMinutes.nullish(),
  priority: TaskPriority.optional(),
  assigneeId: Id.nullish(),
  teamId: Id.nullish(),
  companyId: Id.nullish(),
  contactId: Id.nullish(),
  dealId: Id.nullish(),
  recurrence: Recurrence.optional(),
  recurrenceInterval: z.number().int().min(1).max(365).optional(),
  recurrenceUntil: BusinessDate.nullish(),
  reminder: ReminderInput.optional(),
  outcome: TaskOutcome.nullish(),
  /** Cancel (`cancelled`) or reopen (`open`); completing goes through POST …/complete. */
  status: z.enum(['open', 'cancelled']).optional(),
});
export type UpdateTask = z.input<typeof UpdateTask>;

export const CompleteTask = z.strictObject({
  version: Version,
  outcome: TaskOutcome.nullish(),
  /** Appended to the notes. */
  note: z.string().trim().max(5000).optional(),
});
export type CompleteTask = z.input<typeof CompleteTask>;
export const ClaimTask = z.strictObject({ version: Version });

/** The completed task and, for a recurring one, the next occurrence created by completing it. */
export const CompleteTaskResult = z.object({ task: Task, next: Task.nullable() });

export const TASK_SORT_FIELDS = ['dueDate', 'createdAt', 'updatedAt', 'completedAt', 'priority'] as const;
const TaskSort = z.enum(TASK_SORT_FIELDS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]]);

export const TaskListQuery = ListQuery.extend({
  /** A user id, or `me`. */
  assigneeId: z.union([Id, z.literal('me')]).optional(),
  /** A team's tasks (by team), or `mine`: the team tasks of the caller's teams and their members' tasks. */
  teamId: z.union([Id, z.literal('mine')]).optional(),
  /**
   * With a team's id: also the tasks of its current members — what the workload report counts for
   * the team (its drill-down links use it).
   */
  withMembers: z.stringbool().optional(),
  /** Team tasks nobody has claimed yet. */
  unclaimed: z.stringbool().optional(),
  /** Comma-separated type keys. */
  type: z.string().max(500).optional(),
  status: TaskStatus.optional(),
  overdue: z.stringbool().optional(),
  dueFrom: BusinessDate.optional(),
  dueTo: BusinessDate.optional(),
  companyId: Id.optional(),
  contactId: Id.optional(),
  dealId: Id.optional(),
  /** The collection tasks of an invoice. */
  invoiceId: Id.optional(),
  origin: TaskOrigin.optional(),
  /** Searches the subject. */
  q: z.string().trim().max(200).optional(),
  sort: TaskSort.default('dueDate'),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;
export const TaskList = listResponse(Task);

// ─── reminders, notifications, settings ──────────────────────────────────────────────────────────

export const Notification = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  taskId: Id.nullable(),
  createdAt: Instant,
  readAt: Instant.nullable(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationListQuery = ListQuery.extend({ unread: z.stringbool().optional() });
export const NotificationList = listResponse(Notification).extend({ unreadCount: z.number().int() });
export const MarkNotificationsRead = z.strictObject({
  /** The notifications to mark read; leave out to mark all read. */
  ids: z.array(Id).max(500).optional(),
});
export const MarkNotificationsReadResult = z.object({
  /** How many were unread and are read now. */
  marked: z.number().int(),
  unreadCount: z.number().int(),
});
/** Kinds of notification the web app knows how to show. */
/** `rule_notification`: a rule's `notify` action (the body says which rule and why). */
export const NOTIFICATION_KINDS = ['task_reminder', 'daily_digest', 'rule_notification'] as const;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use HH:MM (e.g. 09:00)' });
export const WorkSettings = z.object({
  reminderMinutesBefore: z.number().int(),
  allDayReminderTime: z.string(),
  emailReminders: z.boolean(),
  dailyDigest: z.boolean(),
});
export type WorkSettings = z.infer<typeof WorkSettings>;
export const UpdateWorkSettings = z.strictObject({
  reminderMinutesBefore: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .optional(),
  allDayReminderTime: TimeOfDay.optional(),
  emailReminders: z.boolean().optional(),
  dailyDigest: z.boolean().optional(),
});
export const DEFAULT_WORK_SETTINGS: WorkSettings = {
  reminderMinutesBefore: 15,
  allDayReminderTime: '09:00',
  emailReminders: true,
  dailyDigest: false,
};

// ─── calendar ────────────────────────────────────────────────────────────────────────────────────

export const CalendarFeed = z.object({
  active: z.boolean(),
  createdAt: Instant.nullable(),
  lastUsedAt: Instant.nullable(),
  /** Only in the answer that creates the feed: the subscription URL holds the secret token. */
  url: z.string().optional(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const AgendaQuery = z.object({
  from: BusinessDate,
  to: BusinessDate,
  /** A user id or `me` (default). */
  assigneeId: z.union([Id, z.literal('me')]).default('me'),
  includeDone: z.stringbool().default(false),
});
export type AgendaQuery = z.infer<typeof AgendaQuery>;
export const Agenda = z.object({
  /** Tasks due in the range, by due date (all-day first, then by time). */
  items: z.array(Task),
  /** Open tasks due before `from` that are overdue now. */
  overdue: z.array(Task),
});
export type Agenda = z.infer<typeof Agenda>;
export const CalendarFeedParams = z.object({
  /** The secret token of the subscription URL. */
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
});

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
