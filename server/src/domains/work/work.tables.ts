import type { GoalMetric, GoalPeriodKind } from '../../../../contracts/goals';
import type { Recurrence, TaskOrigin, TaskPriority, TaskStatus } from '../../../../contracts/work';

/**
 * The work domain's tables (migration 2026_11_26_1500_create_work), in one place because every
 * part of the domain (tasks, reminders, calendar, goals, workload) reads the tasks table.
 */
export interface TaskTypesTable {
  key: string;
  name: string;
  is_activity: number;
  builtin: number;
  default_duration_minutes: number;
  position: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TasksTable {
  id: string;
  type: string;
  subject: string;
  notes: string | null;
  due_date: string | null;
  due_at: string | null;
  duration_minutes: number | null;
  priority: TaskPriority;
  status: TaskStatus;
  outcome: string | null;
  assignee_id: string | null;
  team_id: string | null;
  company_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  /** The invoice a collection task is about (migration 2026_11_26_2220_task_invoice_link). */
  invoice_id: string | null;
  origin: TaskOrigin;
  origin_ref: string | null;
  origin_label: string | null;
  recurrence: Recurrence;
  recurrence_interval: number;
  recurrence_until: string | null;
  series_id: string | null;
  reminder_at: string | null;
  reminder_fired_at: string | null;
  completed_at: string | null;
  completed_by: string | null;
  cancelled_at: string | null;
  closed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  task_id: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface WorkSettingsTable {
  user_id: string;
  reminder_minutes_before: number;
  all_day_reminder_time: string;
  email_reminders: number;
  daily_digest: number;
  updated_at: string;
}

/** The company's reminder defaults (migration 2026_11_27_0330; one row, `id = 'company'`). */
export interface WorkDefaultsTable {
  id: string;
  reminder_minutes_before: number;
  all_day_reminder_time: string;
  email_reminders: number;
  updated_by: string | null;
  updated_at: string;
}

export interface CalendarFeedsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface GoalsTable {
  id: string;
  name: string;
  user_id: string | null;
  team_id: string | null;
  metric: GoalMetric;
  task_type: string | null;
  period_kind: GoalPeriodKind;
  period_start: string;
  period_end: string;
  target: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface WorkloadSnapshotsTable {
  day: string;
  assignee_id: string;
  team_id: string;
  type: string;
  open_count: number;
  overdue_count: number;
}

declare module '../../platform/db/database' {
  interface Database {
    task_types: TaskTypesTable;
    tasks: TasksTable;
    notifications: NotificationsTable;
    work_settings: WorkSettingsTable;
    work_defaults: WorkDefaultsTable;
    calendar_feeds: CalendarFeedsTable;
    goals: GoalsTable;
    workload_snapshots: WorkloadSnapshotsTable;
  }
}
