import type { EventPayload } from '../../../../contracts/events';
import { CreateTask } from '../../../../contracts/work';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { HandlerContext } from '../../platform/events/registry';
import { isBuiltinRuleEnabled, recordBuiltinRuns } from '../automation';
import { getUserSummaries } from '../identity';
import { loadPurchaseOrder } from '../purchasing';
import { germanDate } from './on-invoice-overdue.handler';
import { insertNewTask } from './tasks.service';

export const PURCHASE_FOLLOW_UP_TASK_TYPE = 'purchase_follow_up';

/** `po-overdue:<purchaseOrderId>`: the origin_ref of an order's follow-up task (unique). */
export const purchaseFollowUpRef = (purchaseOrderId: string) => `po-overdue:${purchaseOrderId}`;

/** The texts of a purchase follow-up task (German, like the purchase order). */
export function purchaseFollowUpTexts(p: EventPayload<'po.overdue'>) {
  return {
    subject: `Lieferung ${p.number} von ${p.supplierName} überfällig`,
    label: `Bestellung ${p.number} überfällig`,
    notes:
      `Die Bestellung ${p.number} bei ${p.supplierName} sollte bis zum ${germanDate(p.expectedDate)} geliefert werden ` +
      'und ist noch nicht vollständig eingegangen. Bitte beim Lieferanten nachfassen. ' +
      'Die Aufgabe schließt sich, sobald die Ware eingegangen ist oder die Bestellung storniert wird.',
  };
}

/**
 * One purchase follow-up task for an order past its expected date: for the follow-up team of the
 * event (purchasing settings, else the team "Einkauf"), else for the approver; due today, linked
 * to the supplier. Nothing when the order was received or cancelled before this delivery, or when
 * there is nobody to give it to (logged). Exactly once: origin_ref `po-overdue:<id>` is unique.
 */
export async function createPurchaseFollowUpTask(
  log: AppContext['log'],
  h: HandlerContext,
  p: EventPayload<'po.overdue'>,
): Promise<string | null> {
  const today = businessDate(h.clock.now(), h.config.timezone);
  const order = await loadPurchaseOrder(h.trx, p.purchaseOrderId, today).catch(() => null);
  if (!order || !['approved', 'sent', 'partially_received'].includes(order.status)) return null;
  let assigneeId = p.teamId ? null : p.assigneeId;
  if (assigneeId) {
    const user = (await getUserSummaries(h.trx, [assigneeId])).get(assigneeId);
    if (!user?.active) assigneeId = null;
  }
  if (!p.teamId && !assigneeId) {
    log.warn(
      { purchaseOrderId: p.purchaseOrderId },
      `no follow-up task for overdue purchase order ${p.number}: set the follow-up team in the purchasing settings`,
    );
    return null;
  }
  const texts = purchaseFollowUpTexts(p);
  const input = CreateTask.parse({
    type: PURCHASE_FOLLOW_UP_TASK_TYPE,
    subject: texts.subject,
    notes: texts.notes,
    dueDate: p.overdueSince,
    priority: 'high',
    assigneeId,
    teamId: p.teamId,
    companyId: p.supplierId,
  });
  const row = await insertNewTask(h.trx, h, h.actor, input, {
    origin: 'system',
    ref: purchaseFollowUpRef(p.purchaseOrderId),
    label: texts.label,
  });
  return row.id;
}

/** The built-in rule (registered by purchasing) that switches follow-up tasks on and off. */
export const FOLLOW_UP_RULE = 'purchasing.follow-up';

/**
 * `po.overdue` (the purchasing follow-up sweep) → the purchase follow-up task: the built-in rule
 * `purchasing.follow-up`. Disabled, no task is made (the order still raised its event); each task
 * made is a run in the rule's history (trigger key `event:<id>`), in the same transaction.
 */
export function subscribePurchaseFollowUpTask(ctx: AppContext): void {
  ctx.events.subscribe('po.overdue', 'work.purchase-follow-up-task', async (event, h) => {
    if (!(await isBuiltinRuleEnabled(h.trx, FOLLOW_UP_RULE))) return;
    const p = event.payload;
    const taskId = await createPurchaseFollowUpTask(ctx.log, h, p);
    if (!taskId) return;
    await recordBuiltinRuns(h.trx, h.clock, FOLLOW_UP_RULE, [
      {
        triggerKey: `event:${event.id}`,
        eventId: event.id,
        eventType: event.type,
        recordType: 'purchase_order',
        recordId: p.purchaseOrderId,
        recordLabel: p.number,
        reason: `Bestellung ${p.number} bei ${p.supplierName} sollte bis ${germanDate(p.expectedDate)} geliefert sein`,
        results: [
          {
            kind: 'create_task',
            result: { entityType: 'task', entityId: taskId, label: purchaseFollowUpTexts(p).subject },
          },
        ],
      },
    ]);
  });
}
