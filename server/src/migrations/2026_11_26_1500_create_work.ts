import { type Kysely, sql } from 'kysely';

/** The task types every installation starts with; admins add more (and may archive these). */
export const BUILTIN_TASK_TYPES = [
  { key: 'call', name: 'Anruf', isActivity: 1, defaultDuration: 15 },
  { key: 'meeting', name: 'Termin', isActivity: 1, defaultDuration: 60 },
  { key: 'email', name: 'E-Mail', isActivity: 1, defaultDuration: 10 },
  { key: 'todo', name: 'Aufgabe', isActivity: 0, defaultDuration: 30 },
  { key: 'collection', name: 'Inkasso', isActivity: 0, defaultDuration: 15 },
  { key: 'purchase_follow_up', name: 'Einkauf nachfassen', isActivity: 0, defaultDuration: 15 },
] as const;

/**
 * Work: activities and tasks in one table (a logged call is a task created as done), their types,
 * in-app notifications, per-user reminder settings, personal calendar feeds, goals, and daily
 * workload snapshots for the trend of the workload report.
 *
 * Tasks refer to users, teams, companies, contacts and deals by id without foreign keys: those rows
 * belong to other domains (links are checked by the service and kept up to date through events).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('task_types')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** 1 for sales activities (call, meeting, e-mail): they count in the activity-conversion report. */
    .addColumn('is_activity', 'integer', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull())
    .addColumn('default_duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull().references('task_types.key'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    /** Business date (company time zone) the task is due; null = no due date. */
    .addColumn('due_date', 'text')
    /** The exact instant when the task has a time (a meeting at 10:00); null for all-day tasks. */
    .addColumn('due_at', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    /** Who does it: a user, or a team (assignee null until a member claims it; the team stays). */
    .addColumn('assignee_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('company_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('deal_id', 'text')
    /** manual | rule | system; for rule/system tasks a reference and a label that explain them. */
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_ref', 'text')
    .addColumn('origin_label', 'text')
    /** Recurrence: none | daily | weekly | monthly, every `interval`; occurrences share `series_id`. */
    .addColumn('recurrence', 'text', (c) => c.notNull())
    .addColumn('recurrence_interval', 'integer', (c) => c.notNull())
    .addColumn('recurrence_until', 'text')
    .addColumn('series_id', 'text')
    /** When the reminder fires (null = none) and when it did (set once, by the reminder job). */
    .addColumn('reminder_at', 'text')
    .addColumn('reminder_fired_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('cancelled_at', 'text')
    /** completed_at or cancelled_at: when the task stopped being open (workload trend). */
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const taskIndexes: Array<[string, string[]]> = [
    // "My open tasks" sorted by due date, and the workload per person.
    ['tasks_assignee_status_due', ['assignee_id', 'status', 'due_date', 'id']],
    // Team queues (unclaimed team tasks) and workload per team.
    ['tasks_team_status_due', ['team_id', 'status', 'due_date', 'id']],
    // Workload by type over all open tasks; overdue = open with a due date before today.
    ['tasks_status_type_due', ['status', 'type', 'due_date']],
    ['tasks_status_due', ['status', 'due_date', 'id']],
    // Record pages (timeline, open tasks of a company / contact / deal).
    ['tasks_company', ['company_id', 'created_at']],
    ['tasks_contact', ['contact_id', 'created_at']],
    ['tasks_deal', ['deal_id', 'created_at']],
    // Activity conversion and goals: completed activities per person and period.
    ['tasks_completed', ['completed_at', 'assignee_id', 'type']],
    ['tasks_created', ['created_at', 'id']],
    ['tasks_updated', ['updated_at', 'id']],
  ];
  for (const [name, columns] of taskIndexes) {
    await db.schema.createIndex(name).on('tasks').columns(columns).execute();
  }
  // Reminders still to fire, in firing order (partial: fired reminders drop out of the index).
  await db.schema
    .createIndex('tasks_reminder_due')
    .on('tasks')
    .columns(['reminder_at', 'id'])
    .where(sql<boolean>`reminder_fired_at is null and reminder_at is not null`)
    .execute();
  // One occurrence per series and due date: completing a recurring task twice makes one successor.
  await db.schema
    .createIndex('tasks_series_due')
    .on('tasks')
    .columns(['series_id', 'due_date'])
    .unique()
    .where(sql<boolean>`series_id is not null`)
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** task_reminder | task_assigned | … */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    /** Path in the web app the notification opens (`/tasks/<id>`). */
    .addColumn('link', 'text')
    .addColumn('task_id', 'text')
    /** Makes a notification exactly-once: e.g. `reminder:<task>:<reminder_at>:<user>`. */
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user_created')
    .on('notifications')
    .columns(['user_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_user_unread')
    .on('notifications')
    .columns(['user_id'])
    .where(sql<boolean>`read_at is null`)
    .execute();

  await db.schema
    .createTable('work_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    /** Minutes before a task with a time (meeting, call) that its reminder fires by default. */
    .addColumn('reminder_minutes_before', 'integer', (c) => c.notNull())
    /** Local time (HH:MM, company time zone) on the due day for all-day tasks. */
    .addColumn('all_day_reminder_time', 'text', (c) => c.notNull())
    .addColumn('email_reminders', 'integer', (c) => c.notNull())
    .addColumn('daily_digest', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** SHA-256 of the secret token in the feed URL; the token itself is shown once. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('calendar_feeds_user').on('calendar_feeds').columns(['user_id']).execute();

  await db.schema
    .createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** Exactly one of user_id / team_id. */
    .addColumn('user_id', 'text')
    .addColumn('team_id', 'text')
    /** revenue_won | deals_won | deals_created | activities_completed | invoices_collected */
    .addColumn('metric', 'text', (c) => c.notNull())
    /** For activities_completed: the task type counted (null = every activity type). */
    .addColumn('task_type', 'text')
    /** month | quarter | year | custom; the period as business dates, both inclusive. */
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    /** Cents for money metrics, a count otherwise. */
    .addColumn('target', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goals_period').on('goals').columns(['period_end', 'period_start']).execute();
  await db.schema.createIndex('goals_user').on('goals').columns(['user_id']).execute();
  await db.schema.createIndex('goals_team').on('goals').columns(['team_id']).execute();

  /** Open / overdue tasks per day, assignee, team and type, written by a nightly job (the trend). */
  await db.schema
    .createTable('workload_snapshots')
    .addColumn('day', 'text', (c) => c.notNull())
    /** '' when the task has no assignee (unclaimed team task) or no team, so the key is not null. */
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('open_count', 'integer', (c) => c.notNull())
    .addColumn('overdue_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workload_snapshots_pk', ['day', 'assignee_id', 'team_id', 'type'])
    .execute();

  const now = new Date().toISOString();
  const q = db as Kysely<Record<string, Record<string, unknown>>>;
  await q
    .insertInto('task_types')
    .values(
      BUILTIN_TASK_TYPES.map((t, position) => ({
        key: t.key,
        name: t.name,
        is_activity: t.isActivity,
        builtin: 1,
        default_duration_minutes: t.defaultDuration,
        position,
        archived_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
