import type { Task, TaskOutcome } from '../../../../contracts/work';
import type { TaskMoment, TaskRow, TaskRowBase } from './tasks.repository';

/** Names shown with a task, looked up in other domains (null when the record is gone). */
export interface TaskNames {
  assigneeName: string | null;
  teamName: string | null;
  companyName: string | null;
  contactName: string | null;
  dealTitle: string | null;
  invoiceNumber: string | null;
}

export const NO_NAMES: TaskNames = {
  assigneeName: null,
  teamName: null,
  companyName: null,
  contactName: null,
  dealTitle: null,
  invoiceNumber: null,
};

/** Open and due before today, or (with a time) before now. */
export function isOverdue(
  row: Pick<TaskRowBase, 'status' | 'due_date' | 'due_at'>,
  moment: TaskMoment,
): boolean {
  if (row.status !== 'open' || !row.due_date) return false;
  if (row.due_date < moment.today) return true;
  return row.due_date === moment.today && row.due_at !== null && row.due_at < moment.now;
}

export function toTask(row: TaskRow, names: TaskNames, moment: TaskMoment): Task {
  return {
    id: row.id,
    type: row.type,
    typeName: row.type_name,
    subject: row.subject,
    notes: row.notes,
    dueDate: row.due_date,
    dueAt: row.due_at,
    durationMinutes: row.duration_minutes,
    priority: row.priority,
    status: row.status,
    overdue: isOverdue(row, moment),
    outcome: row.outcome as TaskOutcome | null,
    assigneeId: row.assignee_id,
    assigneeName: names.assigneeName,
    teamId: row.team_id,
    teamName: names.teamName,
    companyId: row.company_id,
    companyName: names.companyName,
    contactId: row.contact_id,
    contactName: names.contactName,
    dealId: row.deal_id,
    dealTitle: names.dealTitle,
    invoiceId: row.invoice_id,
    invoiceNumber: names.invoiceNumber,
    origin: row.origin,
    originRef: row.origin_ref,
    originLabel: row.origin_label,
    recurrence: row.recurrence,
    recurrenceInterval: row.recurrence_interval,
    recurrenceUntil: row.recurrence_until,
    seriesId: row.series_id,
    reminderAt: row.reminder_at,
    reminderFiredAt: row.reminder_fired_at,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    cancelledAt: row.cancelled_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The fields of a task an audit entry records (what a person changed, not bookkeeping). */
export function taskAuditSnapshot(row: TaskRowBase): Record<string, unknown> {
  return {
    type: row.type,
    subject: row.subject,
    notes: row.notes,
    dueDate: row.due_date,
    dueAt: row.due_at,
    durationMinutes: row.duration_minutes,
    priority: row.priority,
    status: row.status,
    outcome: row.outcome,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    companyId: row.company_id,
    contactId: row.contact_id,
    dealId: row.deal_id,
    origin: row.origin,
    originRef: row.origin_ref,
    recurrence: row.recurrence,
    recurrenceInterval: row.recurrence_interval,
    recurrenceUntil: row.recurrence_until,
    reminderAt: row.reminder_at,
    completedAt: row.completed_at,
    cancelledAt: row.cancelled_at,
  };
}
