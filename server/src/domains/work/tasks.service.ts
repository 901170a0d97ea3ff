import type { z } from 'zod';
import type { ListResponse } from '../../../../contracts/common';
import type { CreateTask, Task, TaskListQuery, TaskOrigin, WorkSettings } from '../../../../contracts/work';
import { type Actor, systemActor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { businessDate } from '../../platform/clock';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { notFound } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getMemberIdsOfTeams } from '../identity';
import { reminderAtFor } from './reminder-time';
import type { WorkDeps } from './tasks.deps';
import {
  checkAssignee,
  checkInvoice,
  checkTeam,
  checkType,
  isTeamMember,
  type Lookup,
  namesOf,
  resolveRelations,
  unprocessable,
} from './tasks.links';
import { NO_NAMES, taskAuditSnapshot, toTask } from './tasks.mappers';
import {
  findSystemTask,
  findTask,
  insertSystemTaskUnlessExists,
  insertTaskRow,
  listTaskRows,
  type TaskMoment,
  type TaskRow,
  type TaskRowBase,
} from './tasks.repository';
import { defaultSettingsFor } from './work-defaults.repository';
import { getWorkSettings } from './work-settings.repository';

/** A create request as parsed by the CreateTask schema (defaults filled in). */
export type CreateTaskInput = z.output<typeof CreateTask>;

// ─── reading ──────────────────────────────────────────────────────────────────────────────────────

/** Today (company time zone) and now, for "overdue". */
export function momentOf(deps: Pick<WorkDeps, 'clock' | 'config'>): TaskMoment {
  const now = deps.clock.now();
  return { today: businessDate(now, deps.config.timezone), now: now.toISOString() };
}

/** Tasks with the names of the people, team and records they refer to (one lookup per kind). */
export async function withNames(deps: WorkDeps, db: DbOrTx, rows: TaskRow[]): Promise<Task[]> {
  if (rows.length === 0) return [];
  const names = await namesOf(db, rows);
  const moment = momentOf(deps);
  return rows.map((r) => toTask(r, names.get(r.id) ?? NO_NAMES, moment));
}

export async function loadTaskRow(db: DbOrTx, id: string, actor?: Actor): Promise<TaskRow> {
  const row = await findTask(db, id, actor);
  if (!row) throw notFound('task', id);
  return row;
}

export async function loadTask(deps: WorkDeps, db: DbOrTx, id: string): Promise<Task> {
  const [task] = await withNames(deps, db, [await loadTaskRow(db, id)]);
  return task!;
}

export async function getTask(deps: WorkDeps, actor: Actor, id: string): Promise<Task> {
  const [task] = await withNames(deps, deps.db, [await loadTaskRow(deps.db, id, actor)]);
  return task!;
}

export async function listTasks(
  deps: WorkDeps,
  actor: Actor,
  query: TaskListQuery,
): Promise<ListResponse<Task>> {
  const me = (id: string | undefined) => (id === 'me' ? (actor.userId ?? '-') : id);
  let ofTeams: { teamIds: string[]; memberIds: string[] } | undefined;
  if (query.teamId === 'mine') {
    const members = await getMemberIdsOfTeams(deps.db, actor.teamIds);
    ofTeams = { teamIds: actor.teamIds, memberIds: [...new Set([...members.values()].flat())] };
  } else if (query.teamId && query.withMembers) {
    const members = await getMemberIdsOfTeams(deps.db, [query.teamId]);
    ofTeams = { teamIds: [query.teamId], memberIds: members.get(query.teamId) ?? [] };
  }
  const page = await listTaskRows(
    deps.db,
    actor,
    {
      assigneeId: me(query.assigneeId),
      teamId: query.teamId === 'mine' || ofTeams ? undefined : query.teamId,
      ofTeams,
      unclaimed: query.unclaimed,
      types: query.type
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      status: query.status,
      overdue: query.overdue,
      dueFrom: query.dueFrom,
      dueTo: query.dueTo,
      companyId: query.companyId,
      contactId: query.contactId,
      dealId: query.dealId,
      invoiceId: query.invoiceId,
      origin: query.origin,
      q: query.q,
    },
    momentOf(deps),
    { sort: query.sort, limit: query.limit, cursor: query.cursor },
  );
  return { items: await withNames(deps, deps.db, page.items), nextCursor: page.nextCursor };
}

// ─── due dates and reminders ─────────────────────────────────────────────────────────────────────

/** Due date and time: a time (`dueAt`) decides the business date; both given must agree. */
export function resolveDue(
  input: { dueDate: string | null; dueAt: string | null },
  timezone: string,
): { due_date: string | null; due_at: string | null } {
  if (!input.dueAt) return { due_date: input.dueDate, due_at: null };
  const dueAt = new Date(input.dueAt);
  const day = businessDate(dueAt, timezone);
  if (input.dueDate && input.dueDate !== day) {
    throw unprocessable(
      'task.due_mismatch',
      `The due time ${input.dueAt} falls on ${day} (${timezone}), not on ${input.dueDate}`,
      'dueDate',
      `The time is on ${day}`,
    );
  }
  return { due_date: day, due_at: dueAt.toISOString() };
}

/** The reminder settings that apply to a task: its assignee's, the company defaults for an unclaimed team task. */
export async function reminderSettingsFor(db: DbOrTx, assigneeId: string | null): Promise<WorkSettings> {
  return assigneeId ? getWorkSettings(db, assigneeId) : defaultSettingsFor(db);
}

/** `default` → from the settings; `none` → null; an instant → that instant. */
export async function resolveReminder(
  db: DbOrTx,
  deps: Pick<WorkDeps, 'config'>,
  reminder: string,
  task: { due_date: string | null; due_at: string | null; assignee_id: string | null },
): Promise<string | null> {
  if (reminder === 'none') return null;
  if (reminder !== 'default') return new Date(reminder).toISOString();
  const settings = await reminderSettingsFor(db, task.assignee_id);
  return reminderAtFor({ dueDate: task.due_date, dueAt: task.due_at }, settings, deps.config.timezone);
}

// ─── creating ─────────────────────────────────────────────────────────────────────────────────────

/** For tasks made by rules or processes: where they came from, so they explain themselves. */
export interface TaskOriginInput {
  origin: TaskOrigin;
  ref: string | null;
  label: string | null;
  /** The invoice a collection task is about (billing's id; the task names its number). */
  invoiceId?: string | null;
}

export function createTask(deps: WorkDeps, actor: Actor, input: CreateTaskInput): Promise<Task> {
  return deps.db
    .transaction()
    .execute(async (trx) => loadTask(deps, trx, (await insertNewTask(trx, deps, actor, input)).id));
}

/**
 * createTask in the caller's transaction: checks the links, derives due date and reminder, writes
 * the task, its audit entry and `task.created` (plus `task.completed` for a logged activity).
 * `lookup`: how the type, the assignee and the team are read (see Lookup; a rule's batch shares them).
 */
export async function insertNewTask(
  trx: Tx,
  deps: Pick<WorkDeps, 'clock' | 'config'>,
  actor: Actor,
  input: CreateTaskInput,
  origin: TaskOriginInput = { origin: 'manual', ref: null, label: null },
  lookup?: Lookup,
): Promise<TaskRowBase> {
  const type = await checkType(trx, input.type, lookup);
  const teamId = input.teamId ?? null;
  // nobody named: the creator does it, unless the task is for a team (then a member claims it)
  const assigneeId = input.assigneeId !== undefined ? input.assigneeId : teamId ? null : actor.userId;
  if (!assigneeId && !teamId) {
    throw unprocessable('task.assignee_required', 'Give the task to a person or a team', 'assigneeId');
  }
  if (assigneeId) await checkAssignee(trx, assigneeId, lookup);
  if (teamId) {
    await checkTeam(trx, teamId, lookup);
    if (assigneeId && !(await isTeamMember(trx, teamId, assigneeId, lookup))) {
      throw unprocessable(
        'task.assignee_not_in_team',
        'The assignee is not a member of the team',
        'assigneeId',
        'Choose a member of the team, or leave it to the team',
      );
    }
  }
  if (input.done && input.recurrence !== 'none') {
    throw unprocessable(
      'task.done_recurring',
      'A logged activity does not repeat; create a recurring task instead',
      'recurrence',
    );
  }
  const invoiceId = origin.invoiceId ?? input.invoiceId ?? null;
  const invoiceCompanyId = invoiceId ? await checkInvoice(trx, actor, invoiceId, input.companyId) : null;
  const relations = await resolveRelations(trx, actor, {
    companyId: input.companyId ?? invoiceCompanyId,
    contactId: input.contactId ?? null,
    dealId: input.dealId ?? null,
  });
  const now = deps.clock.now().toISOString();
  const completedAt = input.done ? new Date(input.completedAt ?? now).toISOString() : null;
  if (completedAt && completedAt > now) {
    throw unprocessable(
      'task.completed_in_future',
      'A logged activity cannot have happened in the future',
      'completedAt',
    );
  }
  let due = resolveDue({ dueDate: input.dueDate ?? null, dueAt: input.dueAt ?? null }, deps.config.timezone);
  // a logged activity without a date happened on the day it was done (agenda, calendar)
  if (completedAt && !due.due_date)
    due = { due_date: businessDate(new Date(completedAt), deps.config.timezone), due_at: null };
  if (input.recurrenceUntil && due.due_date && input.recurrenceUntil < due.due_date) {
    throw unprocessable(
      'task.until_before_due',
      'The series would end before its first occurrence',
      'recurrenceUntil',
    );
  }
  const id = uuidv7();
  const row: TaskRowBase = {
    id,
    type: type.key,
    subject: input.subject,
    notes: input.notes ?? null,
    ...due,
    duration_minutes: input.durationMinutes ?? null,
    priority: input.priority,
    status: completedAt ? 'done' : 'open',
    outcome: input.outcome ?? null,
    assignee_id: assigneeId,
    team_id: teamId,
    company_id: relations.companyId,
    contact_id: relations.contactId,
    deal_id: relations.dealId,
    invoice_id: invoiceId,
    origin: origin.origin,
    origin_ref: origin.ref,
    origin_label: origin.label,
    recurrence: input.recurrence,
    recurrence_interval: input.recurrenceInterval,
    recurrence_until: input.recurrence === 'none' ? null : (input.recurrenceUntil ?? null),
    // the first occurrence's id names the series (and keeps the day of month of monthly ones)
    series_id: input.recurrence === 'none' ? null : id,
    reminder_at: completedAt
      ? null
      : await resolveReminder(trx, deps, input.reminder, { ...due, assignee_id: assigneeId }),
    reminder_fired_at: null,
    completed_at: completedAt,
    completed_by: completedAt ? actor.userId : null,
    cancelled_at: null,
    closed_at: completedAt,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  if (origin.origin === 'system' && origin.ref) {
    // a system task exists once per origin_ref (unique index): a second delivery inserts nothing
    if (!(await insertSystemTaskUnlessExists(trx, row))) {
      const existing = await findSystemTask(trx, origin.ref);
      if (existing) return existing;
    }
  } else {
    await insertTaskRow(trx, row);
  }
  await recordTaskCreated(trx, deps, actor, row);
  return row;
}

/** Audit entry and events of a new task (also the next occurrence of a series). */
export async function recordTaskCreated(
  trx: Tx,
  deps: Pick<WorkDeps, 'clock'>,
  actor: Actor,
  row: TaskRowBase,
): Promise<void> {
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'task',
    entityId: row.id,
    before: null,
    after: taskAuditSnapshot(row),
  });
  const refs = {
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    dealId: row.deal_id,
    companyId: row.company_id,
  };
  await publish(trx, deps.clock, actor, 'task.created', { taskId: row.id, type: row.type, ...refs });
  if (row.status === 'done') {
    await publish(trx, deps.clock, actor, 'task.completed', {
      taskId: row.id,
      type: row.type,
      ...refs,
      outcome: row.outcome,
    });
  }
}

/** A user's open tasks by due date (undated last), at most `limit`: for digests and other domains. */
export async function listOpenTasksOf(deps: WorkDeps, userId: string, limit = 50): Promise<Task[]> {
  const page = await listTaskRows(
    deps.db,
    systemActor('work.tasks'),
    { assigneeId: userId, status: 'open' },
    momentOf(deps),
    { sort: 'dueDate', limit },
  );
  return withNames(deps, deps.db, page.items);
}
