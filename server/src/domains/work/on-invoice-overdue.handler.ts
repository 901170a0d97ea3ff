import type { EventPayload } from '../../../../contracts/events';
import { CreateTask } from '../../../../contracts/work';
import type { AppContext } from '../../platform/context';
import { findInvoice, getBillingSettings } from '../billing';
import { getUserSummary } from '../identity';
import { isTeamMember } from './tasks.links';
import { insertNewTask, type TaskOriginInput } from './tasks.service';

export const COLLECTION_TASK_TYPE = 'collection';

/** `invoice-overdue:<invoiceId>`: the origin_ref of an invoice's collection task (unique). */
export const collectionTaskRef = (invoiceId: string) => `invoice-overdue:${invoiceId}`;

/** 123456 → "1.234,56 €". */
export function formatEuro(cents: number): string {
  return `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

/** 2026-12-31 → 31.12.2026. */
export const germanDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** The texts of a collection task (German, like the invoices: the demo company is German). */
export function collectionTaskTexts(p: EventPayload<'invoice.overdue'>) {
  const days = p.daysOverdue === 1 ? '1 Tag' : `${p.daysOverdue} Tage`;
  return {
    subject: `Zahlung einfordern: Rechnung ${p.number} – ${formatEuro(p.openCents)} offen, ${days} überfällig`,
    label: `Rechnung ${p.number} überfällig`,
    notes:
      `Die Rechnung ${p.number} war am ${germanDate(p.dueDate)} fällig; offen sind ${formatEuro(p.openCents)}. ` +
      'Bitte beim Kunden nachfassen. Die Aufgabe schließt sich, sobald die Zahlung eingeht.',
  };
}

/**
 * An invoice became overdue (billing's due sweep): one collection task for the collections team of
 * the billing settings ("Vertrieb & Inkasso"; else the invoice's team), given to the invoice's owner
 * when that person is active and in the team, due on the day the sweep ran, linked to the company
 * and the invoice. Idempotent: the task's origin_ref `invoice-overdue:<id>` is unique among system
 * tasks, so a second delivery (or a duplicate event) inserts nothing. With neither a team nor an
 * owner to give it to, no task is made (logged): someone has to set the collections team.
 */
export function subscribeCollectionTask(ctx: AppContext): void {
  ctx.events.subscribe('invoice.overdue', 'work.collection-task', async (event, h) => {
    const p = event.payload;
    // paid or cancelled before this delivery: nothing to collect (and nothing would close the task)
    const invoice = await findInvoice(h.trx, p.invoiceId);
    if (invoice?.status !== 'issued' || Number(invoice.open_cents) === 0) return;
    const settings = await getBillingSettings(h.trx);
    const teamId = settings.collectionsTeamId ?? p.teamId;
    let assigneeId: string | null = null;
    if (p.ownerId) {
      const owner = await getUserSummary(h.trx, p.ownerId);
      const fits = owner?.active && (!teamId || (await isTeamMember(h.trx, teamId, p.ownerId)));
      if (fits) assigneeId = p.ownerId;
    }
    if (!teamId && !assigneeId) {
      ctx.log.warn(
        { invoiceId: p.invoiceId },
        `no collection task for overdue invoice ${p.number}: set the collections team in the billing settings`,
      );
      return;
    }
    const texts = collectionTaskTexts(p);
    const input = CreateTask.parse({
      type: COLLECTION_TASK_TYPE,
      subject: texts.subject,
      notes: texts.notes,
      dueDate: p.overdueSince,
      priority: 'high',
      assigneeId,
      teamId,
      companyId: p.companyId,
    });
    const origin: TaskOriginInput = {
      origin: 'system',
      ref: collectionTaskRef(p.invoiceId),
      label: texts.label,
      invoiceId: p.invoiceId,
    };
    await insertNewTask(h.trx, { db: h.db, clock: h.clock, config: h.config }, h.actor, input, origin);
  });
}
