import type { Action } from '../../../../contracts/automation';
import { CreateTask } from '../../../../contracts/work';
import { businessDate } from '../../platform/clock';
import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { type ActionContext, type RecordValues, registerAction } from '../automation';
import { addDays, checkFixedAssignee, describeAssignee, germanDate } from './automation-recipients';
import { findTaskType } from './task-types.repository';
import { isTeamMember } from './tasks.links';
import { findRuleTask } from './tasks.repository';
import { insertNewTask } from './tasks.service';

type CreateTaskAction = Extract<Action, { kind: 'create_task' }>;

/** `rule:<actionRunId>`: the origin_ref of a task a rule made (unique among rule tasks). */
export const ruleTaskRef = (actionRunId: string) => `rule:${actionRunId}`;

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/**
 * What the task is linked to, from the rule's root record: a deal (its company follows), a company,
 * a contact (its company follows), an invoice (its company follows), the same records as a task
 * that triggered the rule, a purchase order's supplier.
 */
export function taskLinksOf(
  root: { type: string; id: string } | null,
  scope: Record<string, RecordValues | null>,
): { companyId: string | null; contactId: string | null; dealId: string | null; invoiceId: string | null } {
  const none = { companyId: null, contactId: null, dealId: null, invoiceId: null };
  if (!root) return none;
  switch (root.type) {
    case 'deal':
      return { ...none, dealId: root.id };
    case 'company':
      return { ...none, companyId: root.id };
    case 'contact':
      return { ...none, contactId: root.id };
    case 'invoice':
      return { ...none, invoiceId: root.id };
    case 'task': {
      const t = scope.task ?? {};
      return {
        companyId: str(t.companyId),
        contactId: str(t.contactId),
        dealId: str(t.dealId),
        invoiceId: str(t.invoiceId),
      };
    }
    case 'purchase_order':
      return { ...none, companyId: str(scope.purchase_order?.supplierId) };
    default:
      return none;
  }
}

/** The business date the task is due: `dueInDays` after the day the rule runs (company time zone). */
function dueDateOf(ctx: Pick<ActionContext, 'clock' | 'config'>, action: CreateTaskAction): string {
  return addDays(businessDate(ctx.clock.now(), ctx.config.timezone), action.dueInDays);
}

async function checkTaskType(db: DbOrTx, key: string): Promise<string | null> {
  const type = await findTaskType(db, key);
  if (!type) return `There is no task type "${key}"`;
  if (type.archived_at) return `The task type "${type.name}" is archived`;
  return null;
}

registerAction({
  kind: 'create_task',
  recordTypes: 'any',
  async validate(db, action) {
    return (await checkTaskType(db, action.taskType)) ?? (await checkFixedAssignee(db, action.assignTo));
  },
  async describe(ctx, action) {
    const resolved = await ctx.resolveAssignee(action.assignTo);
    const who = await describeAssignee(ctx.db, resolved);
    const subject = ctx.render(action.subject, who.locale);
    const due = germanDate(dueDateOf(ctx, action));
    const description = `Aufgabe „${subject}“ für ${who.name ?? 'niemanden'}, fällig am ${due}`;
    const problem =
      (await checkTaskType(ctx.db, action.taskType)) ??
      (!who.name
        ? 'Niemand würde die Aufgabe bekommen: der Datensatz hat keinen Verantwortlichen oder dieser keinen Vorgesetzten'
        : !who.active
          ? `${who.name} ist deaktiviert`
          : null);
    return { description, problem };
  },
  async execute(ctx, action) {
    const ref = ruleTaskRef(ctx.actionRunId);
    // a retry of an action whose task was made (and committed) already
    const existing = await findRuleTask(ctx.trx, ref);
    if (existing) return { entityType: 'task', entityId: existing.id, label: existing.subject };

    const resolved = await ctx.resolveAssignee(action.assignTo);
    let { userId, teamId } = resolved;
    if (!userId && !teamId) {
      throw new AppError(
        'unprocessable',
        'automation.no_assignee',
        'Nobody to give the task to: the record has no owner (or the owner no manager)',
        [{ path: 'assignTo', message: 'Nobody found' }],
      );
    }
    // a person found for the task who is not in the team found with them: the person's task
    if (userId && teamId && !(await isTeamMember(ctx.trx, teamId, userId, ctx.lookup))) teamId = null;
    const who = await describeAssignee(ctx.trx, { userId, teamId }, ctx.lookup);
    const subject = ctx.render(action.subject, who.locale).slice(0, 300);
    const notes = action.notes ? ctx.render(action.notes, who.locale) : null;
    const links = taskLinksOf(ctx.root, ctx.scope);
    const input = CreateTask.parse({
      type: action.taskType,
      subject,
      notes: notes ? notes.slice(0, 20_000) : null,
      dueDate: dueDateOf(ctx, action),
      priority: action.priority,
      reminder: action.reminder,
      assigneeId: userId,
      teamId,
      companyId: links.companyId,
      contactId: links.contactId,
      dealId: links.dealId,
    });
    const row = await insertNewTask(
      ctx.trx,
      ctx,
      ctx.actor,
      input,
      { origin: 'rule', ref, label: ctx.explanation, invoiceId: links.invoiceId },
      ctx.lookup,
    );
    return { entityType: 'task', entityId: row.id, label: row.subject };
  },
});
