import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { publish } from '../../platform/events/publish';
import type { HandlerContext } from '../../platform/events/registry';
import { germanDate } from './on-invoice-overdue.handler';
import { purchaseFollowUpRef } from './on-po-overdue.handler';
import { findSystemTask, findTask } from './tasks.repository';
import { saveChange } from './tasks.update';

const withNote = (notes: string | null, note: string) => (notes ? `${notes}\n\n${note}` : note);

/**
 * Closes the open follow-up task of a purchase order: done when the goods are in, cancelled when
 * the order is cancelled. Idempotent: only an open task is touched.
 */
async function closeFollowUp(
  h: HandlerContext,
  purchaseOrderId: string,
  how: 'done' | 'cancelled',
  note: string,
) {
  const system = await findSystemTask(h.trx, purchaseFollowUpRef(purchaseOrderId));
  if (system?.status !== 'open') return;
  const task = await findTask(h.trx, system.id);
  if (!task) return;
  const deps = { db: h.db, clock: h.clock, config: h.config };
  const now = h.clock.now().toISOString();
  const after = await saveChange(h.trx, deps, h.actor, task, task.version, {
    status: how,
    ...(how === 'done' ? { completed_at: now, completed_by: null } : { cancelled_at: now }),
    closed_at: now,
    notes: withNote(task.notes, note),
    updated_at: now,
  });
  if (how === 'done') {
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

/** The order was fully received (`po.received` complete) or cancelled: its follow-up task closes. */
export function subscribeClosePurchaseFollowUps(ctx: AppContext): void {
  ctx.events.subscribe('po.received', 'work.close-purchase-follow-up-received', async (event, h) => {
    if (!event.payload.complete) return;
    const on = businessDate(h.clock.now(), h.config.timezone);
    await closeFollowUp(
      h,
      event.payload.purchaseOrderId,
      'done',
      `Ware vollständig eingegangen am ${germanDate(on)}.`,
    );
  });
  ctx.events.subscribe('po.cancelled', 'work.close-purchase-follow-up-cancelled', async (event, h) => {
    await closeFollowUp(h, event.payload.purchaseOrderId, 'cancelled', 'Bestellung storniert.');
  });
}
