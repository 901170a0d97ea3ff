import { sql } from 'kysely';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/http/errors';
import { createDeliveryInTx } from './deliveries.service';
import { getInventorySettings } from './inventory.reads';

/**
 * An invoice was issued: when the inventory settings say so (`deliverOnInvoiceIssue`), its
 * stock-tracked lines are delivered (`inventory.deliver-issued-invoice`). Once per invoice: the
 * delivery's `source_key` `invoice:<id>` is unique. Credit notes never deliver. An invoice that
 * cannot be delivered (nothing open, not enough stock without back orders) is skipped with a log
 * line — a person delivers it later with `POST /api/deliveries`.
 */
export function subscribeDeliverIssuedInvoice(ctx: AppContext): void {
  ctx.events.subscribe('invoice.issued', 'inventory.deliver-issued-invoice', async (event, h) => {
    if (event.payload.kind !== 'invoice') return;
    const settings = await getInventorySettings(h.trx);
    if (!settings.deliverOnInvoiceIssue) return;
    const sourceKey = `invoice:${event.payload.invoiceId}`;
    const done = await h.trx
      .selectFrom('deliveries')
      .select('id')
      .where('source_key', '=', sourceKey)
      .executeTakeFirst();
    if (done) return;
    const deps = { db: h.db, clock: h.clock, config: h.config };
    // A savepoint: a delivery refused halfway (e.g. not enough stock) leaves nothing behind.
    await sql`savepoint inventory_deliver_invoice`.execute(h.trx);
    try {
      await createDeliveryInTx(h.trx, deps, h.actor, { invoiceId: event.payload.invoiceId }, { sourceKey });
      await sql`release savepoint inventory_deliver_invoice`.execute(h.trx);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await sql`rollback to savepoint inventory_deliver_invoice`.execute(h.trx);
      await sql`release savepoint inventory_deliver_invoice`.execute(h.trx);
      ctx.log.warn(
        { invoiceId: event.payload.invoiceId, code: err.code },
        `issued invoice not delivered: ${err.message}`,
      );
    }
  });
}
