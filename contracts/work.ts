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
