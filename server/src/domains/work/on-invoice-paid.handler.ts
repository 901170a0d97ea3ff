import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { publish } from '../../platform/events/publish';
import type { HandlerContext } from '../../platform/events/registry';
import { COLLECTION_TASK_TYPE, germanDate } from './on-invoice-overdue.handler';
import { findOpenTasksOfInvoice } from './tasks.repository';
import { saveChange } from './tasks.update';

const withNote = (notes: string | null, note: string) => (notes ? `${notes}\n\n${note}` : note);

/**
 * Closes the open collection tasks of an invoice with a note: `done` ("Zahlung eingegangen am …",
 * raises `task.completed`). Idempotent: only open tasks are touched, so a second delivery finds none.
 */
async function completeCollectionTasks(h: HandlerContext, invoiceId: string, note: string) {
  const deps = { db: h.db, clock: h.clock, config: h.config };
  const now = h.clock.now().toISOString();
  for (const task of await findOpenTasksOfInvoice(h.trx, invoiceId, COLLECTION_TASK_TYPE)) {
    const after = await saveChange(h.trx, deps, h.actor, task, task.version, {
      status: 'done',
      completed_at: now,
      completed_by: null,
      closed_at: now,
      notes: withNote(task.notes, note),
      updated_at: now,
    });
    await publish(h.trx, h.clock, h.actor, 'task.completed', {
      taskId: after.id,
      type: after.type,
      assigneeId: after.assignee_id,
      teamId: after.team_id,
      dealId: after.deal_id,
      companyId: after.company_id,
      outcome: after.outcome,
    });
  }
}

/** Cancels the open collection tasks of a cancelled invoice ("Rechnung storniert"). */
async function cancelCollectionTasks(h: HandlerContext, invoiceId: string, note: string) {
  const deps = { db: h.db, clock: h.clock, config: h.config };
  const now = h.clock.now().toISOString();
  for (const task of await findOpenTasksOfInvoice(h.trx, invoiceId, COLLECTION_TASK_TYPE)) {
    await saveChange(h.trx, deps, h.actor, task, task.version, {
      status: 'cancelled',
      cancelled_at: now,
      closed_at: now,
      notes: withNote(task.notes, note),
      updated_at: now,
    });
  }
}

/**
 * The money came in (`invoice.paid`) or the invoice was cancelled by a credit note
 * (`invoice.cancelled`): its open collection tasks close by themselves, with a note saying why.
 */
export function subscribeCloseCollectionTasks(ctx: AppContext): void {
  ctx.events.subscribe('invoice.paid', 'work.close-collection-tasks-paid', async (event, h) => {
    const paidOn = businessDate(new Date(event.payload.paidAt), h.config.timezone);
    await completeCollectionTasks(
      h,
      event.payload.invoiceId,
      `Zahlung eingegangen am ${germanDate(paidOn)}.`,
    );
  });
  ctx.events.subscribe('invoice.cancelled', 'work.close-collection-tasks-cancelled', async (event, h) => {
    await cancelCollectionTasks(h, event.payload.invoiceId, 'Rechnung storniert.');
  });
}
