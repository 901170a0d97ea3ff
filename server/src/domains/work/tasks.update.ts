import type { z } from 'zod';
import type { ClaimTask, UpdateTask } from '../../../../contracts/work';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { zonedInstant } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError, forbidden, staleVersion } from '../../platform/http/errors';
import { localTimeOf } from './recurrence';
import { assertCanWriteTask } from './tasks.access';
import type { WorkDeps } from './tasks.deps';
import {
  checkAssignee,
  checkTeam,
  checkType,
  isTeamMember,
  resolveRelations,
  unprocessable,
} from './tasks.links';
import { taskAuditSnapshot } from './tasks.mappers';
import { type TaskRow, type TaskRowBase, updateTaskRow } from './tasks.repository';
import { loadTask, loadTaskRow, resolveDue, resolveReminder } from './tasks.service';

export type UpdateTaskInput = z.output<typeof UpdateTask>;

export const notOpen = (row: TaskRow, what: string) =>
  new AppError(
    'conflict',
    'task.not_open',
    `The task is ${row.status === 'done' ? 'done' : 'cancelled'} already; reopen it to ${what} it`,
  );

/** The due date and time after an edit: a new date keeps a timed task's local time. */
function dueAfter(before: TaskRow, input: UpdateTaskInput, timezone: string) {
  if (input.dueAt !== undefined && input.dueAt !== null)
    return resolveDue({ dueDate: input.dueDate ?? null, dueAt: input.dueAt }, timezone);
  if (input.dueDate !== undefined) {
    if (input.dueDate === null) return { due_date: null, due_at: null };
    const keepTime = input.dueAt === undefined && before.due_at;
    const dueAt = keepTime
      ? zonedInstant(input.dueDate, localTimeOf(before.due_at!, timezone), timezone).toISOString()
      : null;
    return { due_date: input.dueDate, due_at: dueAt };
  }
  // dueAt: null alone makes the task all-day on its date
  if (input.dueAt === null) return { due_date: before.due_date, due_at: null };
  return { due_date: before.due_date, due_at: before.due_at };
}

/** Writes a change (optimistic on `version`), its audit entry and `task.assigned` when the assignment changed. */
export async function saveChange(
  trx: Tx,
  deps: Pick<WorkDeps, 'clock'>,
  actor: Actor,
  before: TaskRow,
  version: number,
  patch: Partial<TaskRowBase>,
): Promise<TaskRowBase> {
  if (!(await updateTaskRow(trx, before.id, version, patch))) throw staleVersion('task', before.id);
  const after: TaskRowBase = { ...before, ...patch, version: version + 1 };
  if (after.assignee_id !== before.assignee_id || after.team_id !== before.team_id) {
    await publish(trx, deps.clock, actor, 'task.assigned', {
      taskId: after.id,
      assigneeId: after.assignee_id,
      teamId: after.team_id,
    });
  }
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'task',
    entityId: after.id,
    before: taskAuditSnapshot(before),
    after: taskAuditSnapshot(after),
  });
  return after;
}

/**
 * Edits a task: fields, assignment (raises `task.assigned`), due date and reminder (a moved
 * reminder fires again), cancel (`status: cancelled`) and reopen (`status: open`).
 */
export function updateTask(deps: WorkDeps, actor: Actor, id: string, input: UpdateTaskInput) {
  return deps.db.transaction().execute(async (trx) => {
    await applyTaskUpdate(trx, deps, actor, id, input);
    return loadTask(deps, trx, id);
  });
}

/** updateTask in the caller's transaction (a rule's update_field); returns the saved row. */
export async function applyTaskUpdate(
  trx: Tx,
  deps: Pick<WorkDeps, 'clock' | 'config'>,
  actor: Actor,
  id: string,
  input: UpdateTaskInput,
): Promise<TaskRowBase> {
  const before = await loadTaskRow(trx, id, actor);
  assertCanWriteTask(actor, before, 'change');
  if (before.version !== input.version) throw staleVersion('task', id);
  const now = deps.clock.now().toISOString();
  const patch: Partial<TaskRowBase> = { updated_at: now };

  if (input.type !== undefined && input.type !== before.type)
    patch.type = (await checkType(trx, input.type)).key;
  if (input.subject !== undefined) patch.subject = input.subject;
  if (input.notes !== undefined) patch.notes = input.notes;
  if (input.durationMinutes !== undefined) patch.duration_minutes = input.durationMinutes;
  if (input.priority !== undefined) patch.priority = input.priority;
  if (input.outcome !== undefined) patch.outcome = input.outcome;

  // assignment: a person, a team, or a member of the team
  const assigneeId = input.assigneeId !== undefined ? input.assigneeId : before.assignee_id;
  const teamId = input.teamId !== undefined ? input.teamId : before.team_id;
  if (assigneeId !== before.assignee_id || teamId !== before.team_id) {
    if (!assigneeId && !teamId) {
      throw unprocessable('task.assignee_required', 'Give the task to a person or a team', 'assigneeId');
    }
    if (assigneeId && assigneeId !== before.assignee_id) await checkAssignee(trx, assigneeId);
    if (teamId && teamId !== before.team_id) await checkTeam(trx, teamId);
    if (assigneeId && teamId && !(await isTeamMember(trx, teamId, assigneeId))) {
      throw unprocessable(
        'task.assignee_not_in_team',
        'The assignee is not a member of the team',
        'assigneeId',
        'Choose a member of the team, or leave it to the team',
      );
    }
    patch.assignee_id = assigneeId;
    patch.team_id = teamId;
  }

  if (input.companyId !== undefined || input.contactId !== undefined || input.dealId !== undefined) {
    const relations = await resolveRelations(trx, actor, {
      companyId: input.companyId !== undefined ? input.companyId : before.company_id,
      contactId: input.contactId !== undefined ? input.contactId : before.contact_id,
      dealId: input.dealId !== undefined ? input.dealId : before.deal_id,
    });
    patch.company_id = relations.companyId;
    patch.contact_id = relations.contactId;
    patch.deal_id = relations.dealId;
  }

  const due = dueAfter(before, input, deps.config.timezone);
  const dueChanged = due.due_date !== before.due_date || due.due_at !== before.due_at;
  if (dueChanged) Object.assign(patch, due);

  if (input.recurrence !== undefined) patch.recurrence = input.recurrence;
  if (input.recurrenceInterval !== undefined) patch.recurrence_interval = input.recurrenceInterval;
  if (input.recurrenceUntil !== undefined) patch.recurrence_until = input.recurrenceUntil;
  const recurrence = patch.recurrence ?? before.recurrence;
  if (recurrence !== 'none') {
    if (!due.due_date)
      throw unprocessable('task.recurring_needs_due', 'A recurring task needs a due date', 'dueDate');
    if (!before.series_id) patch.series_id = before.id;
  }

  // the reminder: as asked, or (a task that had one) again from the settings when the due date moved
  let reminderAt = before.reminder_at;
  const subject = { ...due, assignee_id: assigneeId };
  if (input.reminder !== undefined) reminderAt = await resolveReminder(trx, deps, input.reminder, subject);
  else if (dueChanged && before.reminder_at !== null)
    reminderAt = await resolveReminder(trx, deps, 'default', subject);
  if (reminderAt !== before.reminder_at) {
    patch.reminder_at = reminderAt;
    patch.reminder_fired_at = null;
  }

  if (input.status === 'cancelled' && before.status !== 'cancelled') {
    if (before.status === 'done') throw notOpen(before, 'cancel');
    Object.assign(patch, { status: 'cancelled', cancelled_at: now, closed_at: now });
  } else if (input.status === 'open' && before.status !== 'open') {
    Object.assign(patch, {
      status: 'open',
      completed_at: null,
      completed_by: null,
      cancelled_at: null,
      closed_at: null,
    });
  }

  return saveChange(trx, deps, actor, before, input.version, patch);
}

/** A member of the task's team takes an unclaimed team task (raises `task.assigned`). */
export function claimTask(deps: WorkDeps, actor: Actor, id: string, input: z.output<typeof ClaimTask>) {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadTaskRow(trx, id, actor);
    if (!before.team_id) {
      throw new AppError(
        'conflict',
        'task.not_team_task',
        'Only team tasks are claimed; this one has an assignee',
      );
    }
    if (!actor.userId || !(await isTeamMember(trx, before.team_id, actor.userId))) {
      throw forbidden('claim a task of a team you are not a member of');
    }
    if (before.status !== 'open') throw notOpen(before, 'claim');
    if (before.assignee_id) {
      throw new AppError(
        'conflict',
        'task.already_claimed',
        before.assignee_id === actor.userId
          ? 'You have claimed this task already'
          : 'Someone else has claimed this task already',
      );
    }
    if (before.version !== input.version) throw staleVersion('task', id);
    await saveChange(trx, deps, actor, before, input.version, {
      assignee_id: actor.userId,
      updated_at: deps.clock.now().toISOString(),
    });
    return loadTask(deps, trx, id);
  });
}
