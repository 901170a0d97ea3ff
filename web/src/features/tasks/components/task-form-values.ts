import type { Task } from '../../../../../contracts/work';
import { todayBusinessDate } from '../../../lib/format';
import { instantOf, localDate, localTime } from './task-values';

/** The task form's fields, and how they map to and from the API. */
export interface Values extends Record<string, unknown> {
  type: string;
  subject: string;
  dueDate: string | null;
  /** HH:MM, empty for an all-day task. */
  dueTime: string;
  durationMinutes: number | string;
  priority: string;
  assignTo: 'user' | 'team';
  assigneeId: string | null;
  teamId: string | null;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  recurrence: string;
  recurrenceInterval: number | string;
  recurrenceUntil: string | null;
  reminder: 'default' | 'none' | 'custom';
  reminderDate: string | null;
  reminderTime: string;
  notes: string;
}

/** What a new task starts with: e.g. the record page it was created from. */
export interface TaskDefaults {
  type?: string;
  companyId?: string | null;
  companyName?: string | null;
  contactId?: string | null;
  contactName?: string | null;
  dealId?: string | null;
  dealTitle?: string | null;
}

export function emptyValues(userId: string, defaults: TaskDefaults): Values {
  return {
    type: defaults.type ?? 'todo',
    subject: '',
    dueDate: todayBusinessDate(),
    dueTime: '',
    durationMinutes: '',
    priority: 'normal',
    assignTo: 'user',
    assigneeId: userId,
    teamId: null,
    companyId: defaults.companyId ?? null,
    contactId: defaults.contactId ?? null,
    dealId: defaults.dealId ?? null,
    recurrence: 'none',
    recurrenceInterval: 1,
    recurrenceUntil: null,
    reminder: 'default',
    reminderDate: null,
    reminderTime: '',
    notes: '',
  };
}

export function fromTask(task: Task): Values {
  return {
    type: task.type,
    subject: task.subject,
    dueDate: task.dueAt ? localDate(task.dueAt) : task.dueDate,
    dueTime: task.dueAt ? localTime(task.dueAt) : '',
    durationMinutes: task.durationMinutes ?? '',
    priority: task.priority,
    assignTo: task.teamId ? 'team' : 'user',
    assigneeId: task.assigneeId,
    teamId: task.teamId,
    companyId: task.companyId,
    contactId: task.contactId,
    dealId: task.dealId,
    recurrence: task.recurrence,
    recurrenceInterval: task.recurrenceInterval,
    recurrenceUntil: task.recurrenceUntil,
    reminder: task.reminderAt ? 'custom' : 'none',
    reminderDate: task.reminderAt ? localDate(task.reminderAt) : null,
    reminderTime: task.reminderAt ? localTime(task.reminderAt) : '',
    notes: task.notes ?? '',
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const orNull = (v: number | string) => (v === '' ? null : Number(v));

function due(v: Values) {
  if (!v.dueDate) return { dueDate: null, dueAt: null };
  if (v.dueTime && TIME.test(v.dueTime)) return { dueDate: null, dueAt: instantOf(v.dueDate, v.dueTime) };
  return { dueDate: v.dueDate, dueAt: null };
}

/** The reminder to send: `default`, `none`, an instant, or `invalid` for an incomplete custom one. */
export function reminderOf(v: Values): string {
  return v.reminder === 'custom'
    ? v.reminderDate && TIME.test(v.reminderTime)
      ? instantOf(v.reminderDate, v.reminderTime)
      : 'invalid'
    : v.reminder;
}

function assignment(v: Values) {
  return v.assignTo === 'team'
    ? { teamId: v.teamId, assigneeId: v.assigneeId }
    : { teamId: null, assigneeId: v.assigneeId };
}

export function createBody(v: Values) {
  const d = due(v);
  const a = assignment(v);
  return {
    type: v.type,
    subject: v.subject,
    notes: v.notes.trim() ? v.notes : null,
    ...(d.dueAt ? { dueAt: d.dueAt } : { dueDate: d.dueDate }),
    durationMinutes: orNull(v.durationMinutes),
    priority: v.priority,
    ...(a.assigneeId ? { assigneeId: a.assigneeId } : {}),
    ...(a.teamId ? { teamId: a.teamId } : {}),
    ...(v.assignTo === 'team' && !a.assigneeId ? { assigneeId: null } : {}),
    companyId: v.companyId,
    contactId: v.contactId,
    dealId: v.dealId,
    recurrence: v.recurrence,
    recurrenceInterval: Number(v.recurrenceInterval) || 1,
    recurrenceUntil: v.recurrence === 'none' ? null : v.recurrenceUntil,
    reminder: reminderOf(v),
  };
}

/** Only the fields changed since `b` (the values the form opened with), plus the version. */
export function updateBody(v: Values, b: Values, version: number) {
  const body: Record<string, unknown> = { version };
  if (v.type !== b.type) body.type = v.type;
  if (v.subject !== b.subject) body.subject = v.subject;
  if (v.notes !== b.notes) body.notes = v.notes.trim() ? v.notes : null;
  if (v.dueDate !== b.dueDate || v.dueTime !== b.dueTime) {
    const d = due(v);
    if (d.dueAt) body.dueAt = d.dueAt;
    else Object.assign(body, { dueDate: d.dueDate, dueAt: null });
  }
  if (v.durationMinutes !== b.durationMinutes) body.durationMinutes = orNull(v.durationMinutes);
  if (v.priority !== b.priority) body.priority = v.priority;
  if (v.assignTo !== b.assignTo || v.assigneeId !== b.assigneeId || v.teamId !== b.teamId)
    Object.assign(body, assignment(v));
  if (v.companyId !== b.companyId) body.companyId = v.companyId;
  if (v.contactId !== b.contactId) body.contactId = v.contactId;
  if (v.dealId !== b.dealId) body.dealId = v.dealId;
  if (v.recurrence !== b.recurrence) body.recurrence = v.recurrence;
  if (v.recurrenceInterval !== b.recurrenceInterval)
    body.recurrenceInterval = Number(v.recurrenceInterval) || 1;
  if (v.recurrenceUntil !== b.recurrenceUntil) body.recurrenceUntil = v.recurrenceUntil;
  if (v.reminder !== b.reminder || v.reminderDate !== b.reminderDate || v.reminderTime !== b.reminderTime)
    body.reminder = reminderOf(v);
  return body;
}
