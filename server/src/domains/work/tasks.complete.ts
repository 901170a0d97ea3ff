import type { z } from 'zod';
import type { CompleteTask, Task } from '../../../../contracts/work';
import type { Actor } from '../../platform/actor';
import { zonedInstant } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { localTimeOf, nextDueDate } from './recurrence';
import { assertCanWriteTask } from './tasks.access';
import type { WorkDeps } from './tasks.deps';
import {
  findOccurrence,
  findSeriesHead,
  insertOccurrence,
  type TaskRow,
  type TaskRowBase,
} from './tasks.repository';
import { loadTask, loadTaskRow, recordTaskCreated, resolveReminder } from './tasks.service';
import { notOpen, saveChange } from './tasks.update';

/**
 * Completes an open task: outcome, a note appended to the notes, who and when (raises
 * `task.completed`). An unclaimed team task becomes the completer's. A recurring task gets its next
 * occurrence in the same transaction.
 */
export function completeTask(
  deps: WorkDeps,
  actor: Actor,
  id: string,
  input: z.output<typeof CompleteTask>,
): Promise<{ task: Task; next: Task | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadTaskRow(trx, id, actor);
    assertCanWriteTask(actor, before, 'complete');
    if (before.status !== 'open') throw notOpen(before, 'complete');
    if (before.version !== input.version) throw staleVersion('task', id);
    const now = deps.clock.now().toISOString();
    const note = input.note?.trim();
    const after = await saveChange(trx, deps, actor, before, input.version, {
      status: 'done',
      completed_at: now,
      completed_by: actor.userId,
      closed_at: now,
      outcome: input.outcome !== undefined ? input.outcome : before.outcome,
      notes: note ? (before.notes ? `${before.notes}\n\n${note}` : note) : before.notes,
      assignee_id: before.assignee_id ?? actor.userId,
      updated_at: now,
    });
    await publish(trx, deps.clock, actor, 'task.completed', {
      taskId: after.id,
      type: after.type,
      assigneeId: after.assignee_id,
      teamId: after.team_id,
      dealId: after.deal_id,
      companyId: after.company_id,
      outcome: after.outcome,
    });
    const nextId = await createNextOccurrence(trx, deps, actor, before);
    return {
      task: await loadTask(deps, trx, id),
      next: nextId ? await loadTask(deps, trx, nextId) : null,
    };
  });
}

/**
 * The next occurrence of a recurring task (as it was before completing: its assignee, which for a
 * team task may be nobody yet). None after `recurrence_until`. If the series has an occurrence on
 * that date already (the task was completed, reopened and completed again) that one is returned:
 * the unique index on (series_id, due_date) makes it one.
 */
async function createNextOccurrence(
  trx: Tx,
  deps: WorkDeps,
  actor: Actor,
  loaded: TaskRow,
): Promise<string | null> {
  const { type_name: _, ...task } = loaded;
  if (task.recurrence === 'none' || !task.due_date || !task.series_id) return null;
  const tz = deps.config.timezone;
  let anchorDay: number | undefined;
  if (task.recurrence === 'monthly') {
    const head = await findSeriesHead(trx, task.series_id);
    if (head?.due_date) anchorDay = Number(head.due_date.slice(8, 10));
  }
  const dueDate = nextDueDate(task.due_date, task.recurrence, task.recurrence_interval, anchorDay);
  if (task.recurrence_until && dueDate > task.recurrence_until) return null;
  const due = {
    due_date: dueDate,
    due_at: task.due_at ? zonedInstant(dueDate, localTimeOf(task.due_at, tz), tz).toISOString() : null,
  };
  const now = deps.clock.now().toISOString();
  const row: TaskRowBase = {
    ...task,
    id: uuidv7(),
    ...due,
    status: 'open',
    outcome: null,
    reminder_at: task.reminder_at
      ? await resolveReminder(trx, deps, 'default', { ...due, assignee_id: task.assignee_id })
      : null,
    reminder_fired_at: null,
    completed_at: null,
    completed_by: null,
    cancelled_at: null,
    closed_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  if (await insertOccurrence(trx, row)) {
    await recordTaskCreated(trx, deps, actor, row);
    return row.id;
  }
  return (await findOccurrence(trx, task.series_id, dueDate))?.id ?? null;
}
