import type { DunningNotice } from '../../../../contracts/dunning';
import type { EventPayload } from '../../../../contracts/events';
import { CreateTask } from '../../../../contracts/work';
import type { AppContext } from '../../platform/context';
import type { HandlerContext } from '../../platform/events/registry';
import { isBuiltinRuleEnabled, recordBuiltinRuns } from '../automation';
import { findInvoice, getBillingSettings, loadDunningNotice } from '../billing';
import { getUserSummary } from '../identity';
import {
  COLLECTION_RULE,
  COLLECTION_TASK_TYPE,
  collectionReason,
  collectionTaskRef,
  formatEuro,
  germanDate,
} from './on-invoice-overdue.handler';
import { isTeamMember } from './tasks.links';
import { findSystemTask, findTask, type TaskRowBase } from './tasks.repository';
import { insertNewTask, resolveReminder } from './tasks.service';
import { saveChange } from './tasks.update';

const withNote = (notes: string | null, note: string) => (notes ? `${notes}\n\n${note}` : note);

/** The collection task's subject after a dunning notice (level name, total, new deadline). */
export function dunnedTaskSubject(p: EventPayload<'invoice.dunned'>): string {
  return `Zahlung einfordern (${p.levelName}): Rechnung ${p.number} – ${formatEuro(p.totalCents)} bis ${germanDate(p.paymentDeadline)}`;
}

/** The paragraph a notice adds to the task's notes: the amounts of the letter and its deadline. */
export function dunnedTaskNote(p: EventPayload<'invoice.dunned'>, n: DunningNotice | null): string {
  const parts = [`offen ${formatEuro(p.openCents)}`];
  if (n && n.feeCents > 0) parts.push(`Mahngebühren ${formatEuro(n.feeCents)}`);
  if (n && n.interestCents > 0)
    parts.push(
      `Verzugszinsen ${formatEuro(n.interestCents)} (${String(n.interestRatePercent).replace('.', ',')} % p. a., ${n.daysOverdue} Tage)`,
    );
  if (n && n.lumpSumCents > 0) parts.push(`Verzugspauschale ${formatEuro(n.lumpSumCents)}`);
  return (
    `${p.levelName} (Stufe ${p.level}) vom ${germanDate(p.noticeDate)} erstellt – bitte versenden: ${parts.join(', ')}; ` +
    `Gesamtbetrag ${formatEuro(p.totalCents)}, zahlbar bis ${germanDate(p.paymentDeadline)}.`
  );
}

/** The person and team a new collection task goes to (as for `invoice.overdue`). */
async function assignment(h: HandlerContext, p: EventPayload<'invoice.dunned'>) {
  const settings = await getBillingSettings(h.trx);
  const teamId = settings.collectionsTeamId ?? p.teamId;
  let assigneeId: string | null = null;
  if (p.ownerId) {
    const owner = await getUserSummary(h.trx, p.ownerId);
    const fits = owner?.active && (!teamId || (await isTeamMember(h.trx, teamId, p.ownerId)));
    if (fits) assigneeId = p.ownerId;
  }
  return { teamId, assigneeId };
}

/**
 * The due sweep wrote a dunning notice (`invoice.dunned`): the invoice's collection task (origin_ref
 * `invoice-overdue:<id>`) gets the level and total in its subject, the notice's amounts and deadline
 * in its notes and the notice date as due date (assignee kept); a task that was completed or
 * cancelled while the invoice is still unpaid opens again; without a task (e.g. dunning switched on
 * later, or no team at the time) one is made — unless the built-in rule `billing.collection` is
 * disabled (a task that exists is still brought up to date; none is made). Idempotent: a second
 * delivery finds the note already there and changes nothing; an older level's event arriving after
 * a newer one is ignored, and so is an event for an invoice paid or cancelled in the meantime.
 */
export function subscribeDunnedCollectionTask(ctx: AppContext): void {
  ctx.events.subscribe('invoice.dunned', 'work.collection-task-dunned', async (event, h) => {
    const p = event.payload;
    const invoice = await findInvoice(h.trx, p.invoiceId);
    if (invoice?.status !== 'issued' || Number(invoice.open_cents) === 0) return;
    if (invoice.dunning_level > p.level) return;
    const notice = await loadDunningNotice(h.trx, p.noticeId);
    const subject = dunnedTaskSubject(p);
    const note = dunnedTaskNote(p, notice);
    const deps = { db: h.db, clock: h.clock, config: h.config };

    let existing: TaskRowBase | undefined = await findSystemTask(h.trx, collectionTaskRef(p.invoiceId));
    if (!existing) {
      // no collection task yet: made only while the built-in collection rule is on
      if (!(await isBuiltinRuleEnabled(h.trx, COLLECTION_RULE))) return;
      const { teamId, assigneeId } = await assignment(h, p);
      if (!teamId && !assigneeId) {
        ctx.log.warn(
          { invoiceId: p.invoiceId },
          `no collection task for dunned invoice ${p.number}: set the collections team in the billing settings`,
        );
        return;
      }
      const input = CreateTask.parse({
        type: COLLECTION_TASK_TYPE,
        subject,
        notes: note,
        dueDate: p.noticeDate,
        priority: 'high',
        assigneeId,
        teamId,
        companyId: p.companyId,
      });
      const created = await insertNewTask(h.trx, deps, h.actor, input, {
        origin: 'system',
        ref: collectionTaskRef(p.invoiceId),
        label: `Rechnung ${p.number}: ${p.levelName}`,
        invoiceId: p.invoiceId,
      });
      if (created.notes?.includes(note)) {
        // made with this notice (or by its delivery before): the collection rule's run for it — the
        // overdue handler, delivered after this one, then finds the task and records none
        await recordBuiltinRuns(h.trx, h.clock, COLLECTION_RULE, [
          {
            triggerKey: `event:${event.id}`,
            eventId: event.id,
            eventType: event.type,
            recordType: 'invoice',
            recordId: p.invoiceId,
            recordLabel: p.number,
            reason: `${collectionReason(p)}: ${p.levelName}`,
            results: [
              {
                kind: 'create_task',
                result: { entityType: 'task', entityId: created.id, label: created.subject },
              },
            ],
          },
        ]);
        return;
      }
      // the task existed after all — another worker's `invoice.overdue` handler inserted it first
      // (PostgreSQL): insertNewTask returned that one; bring it to this level below
      existing = created;
    }

    const task = await findTask(h.trx, existing.id);
    if (!task) return;
    if (task.status === 'open' && task.notes?.includes(note)) return; // delivered before
    const now = h.clock.now().toISOString();
    const patch: Partial<TaskRowBase> = {
      subject,
      notes: withNote(task.notes, note),
      priority: 'high',
      origin_label: `Rechnung ${p.number}: ${p.levelName}`,
      updated_at: now,
    };
    if (task.due_date !== p.noticeDate || task.due_at !== null) {
      patch.due_date = p.noticeDate;
      patch.due_at = null;
      if (task.reminder_at !== null) {
        patch.reminder_at = await resolveReminder(h.trx, deps, 'default', {
          due_date: p.noticeDate,
          due_at: null,
          assignee_id: task.assignee_id,
        });
        patch.reminder_fired_at = null;
      }
    }
    if (task.status !== 'open') {
      Object.assign(patch, {
        status: 'open',
        completed_at: null,
        completed_by: null,
        cancelled_at: null,
        closed_at: null,
        notes: withNote(task.notes, `Wieder geöffnet: die Rechnung ist weiterhin unbezahlt.\n\n${note}`),
      });
    }
    await saveChange(h.trx, deps, h.actor, task, task.version, patch);
  });
}
