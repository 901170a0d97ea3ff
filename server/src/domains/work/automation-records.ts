import { TaskOrigin, TaskOutcome, TaskPriority, TaskStatus, UpdateTask } from '../../../../contracts/work';
import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { type RecordValues, registerRecordType } from '../automation';
import type { TaskRowBase } from './tasks.repository';
import { applyTaskUpdate } from './tasks.update';

/** A task as rules see it: camelCase fields, dates as YYYY-MM-DD, instants as ISO strings. */
export function taskValues(row: TaskRowBase): RecordValues {
  return {
    id: row.id,
    type: row.type,
    subject: row.subject,
    notes: row.notes,
    status: row.status,
    priority: row.priority,
    dueDate: row.due_date,
    dueAt: row.due_at,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    companyId: row.company_id,
    contactId: row.contact_id,
    dealId: row.deal_id,
    invoiceId: row.invoice_id,
    origin: row.origin,
    originLabel: row.origin_label,
    outcome: row.outcome,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/** The fields update_field may set on a task (UpdateTask keys of the same name). */
const UPDATABLE = new Set(['priority', 'dueDate', 'assigneeId']);

registerRecordType({
  type: 'task',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'subject', type: 'string' },
    { name: 'notes', type: 'string' },
    { name: 'status', type: 'enum', options: [...TaskStatus.options] },
    { name: 'priority', type: 'enum', options: [...TaskPriority.options], updatable: true },
    { name: 'dueDate', type: 'date', updatable: true },
    { name: 'dueAt', type: 'string' },
    { name: 'assigneeId', type: 'user', updatable: true },
    { name: 'teamId', type: 'team' },
    { name: 'companyId', type: 'company' },
    { name: 'contactId', type: 'string' },
    { name: 'dealId', type: 'string' },
    { name: 'invoiceId', type: 'string' },
    { name: 'origin', type: 'enum', options: [...TaskOrigin.options] },
    { name: 'originLabel', type: 'string' },
    { name: 'outcome', type: 'enum', options: [...TaskOutcome.options] },
    { name: 'createdAt', type: 'string' },
    { name: 'completedAt', type: 'string' },
  ],
  related: [
    { name: 'assignee', type: 'user', via: 'assigneeId' },
    { name: 'team', type: 'team', via: 'teamId' },
    { name: 'company', type: 'company', via: 'companyId' },
    { name: 'contact', type: 'contact', via: 'contactId' },
    { name: 'deal', type: 'deal', via: 'dealId' },
    { name: 'invoice', type: 'invoice', via: 'invoiceId' },
  ],
  ownerField: 'assigneeId',
  teamField: 'teamId',
  async load(db, ids) {
    const result = new Map<string, RecordValues>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await db
        .selectFrom('tasks')
        .selectAll()
        .where('id', 'in', unique.slice(i, i + 500))
        .execute();
      for (const row of rows) result.set(row.id, taskValues(row));
    }
    return result;
  },
  label: (v) => String(v.subject ?? v.id ?? ''),
  // date triggers on the due date: open tasks only (done or cancelled ones are not due any more)
  async findByDate(db: DbOrTx, field, date, after, limit) {
    if (field !== 'dueDate') return [];
    let q = db
      .selectFrom('tasks')
      .select('id')
      .where('status', '=', 'open')
      .where('due_date', '=', date)
      .orderBy('id')
      .limit(limit);
    if (after) q = q.where('id', '>', after);
    return (await q.execute()).map((r) => r.id);
  },
  async recent(db, limit) {
    const rows = await db
      .selectFrom('tasks')
      .select('id')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },
  // through the tasks service: the same checks (active assignee, team membership), reminder moved
  // with the due date, audit entry and `task.assigned`
  async update(ctx, id, field, value) {
    if (!UPDATABLE.has(field)) {
      throw new AppError(
        'unprocessable',
        'automation.field_not_updatable',
        `A rule cannot set task.${field}`,
        [{ path: 'field', message: `Not updatable: task.${field}` }],
      );
    }
    const row = await ctx.trx.selectFrom('tasks').select('version').where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'task.not_found', `Task ${id} does not exist`);
    const parsed = UpdateTask.safeParse({ version: row.version, [field]: value });
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'invalid value';
      throw new AppError('unprocessable', 'automation.bad_value', `task.${field}: ${message}`, [
        { path: 'value', message },
      ]);
    }
    await applyTaskUpdate(ctx.trx, ctx, ctx.actor, id, parsed.data);
  },
});
