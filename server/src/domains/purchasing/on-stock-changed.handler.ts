import type { AppContext } from '../../platform/context';
import { getDefaultWarehouse } from '../inventory';
import { getDealDetail } from '../sales';
import { getReplenishmentSettings } from './replenishment.repository';
import { replenish } from './replenishment.service';

/**
 * Replenishment reacts to stock changes (the purchasing side owns the link):
 *
 * - `stock.changed` (`purchasing.replenish`): when the settings draft automatically, the event's
 *   products are checked in its warehouse in the delivery's transaction (replenishment.service
 *   `replenish`: the line's quantity is set to the shortfall of now, so a re-delivery or a second
 *   check of the same shortfall orders nothing more). A batch subscriber: the events delivered
 *   together (20 wins at once) become one check per warehouse with their products and moves.
 * - `deal.stage_changed` (`purchasing.replenish-pipeline`): when open deals' demand counts, the
 *   deal's products are checked again in the default warehouse (a deal moving to a stage with
 *   another probability, or closing, changes what the pipeline will need).
 */
export function subscribeReplenishment(ctx: AppContext): void {
  ctx.events.subscribeBatch('stock.changed', 'purchasing.replenish', async (events, h) => {
    const settings = await getReplenishmentSettings(h.trx);
    if (!settings.autoDraft) return;
    const byWarehouse = new Map<string, { productIds: Set<string>; moveIds: string[] }>();
    for (const e of events) {
      const w = byWarehouse.get(e.payload.warehouseId) ?? { productIds: new Set<string>(), moveIds: [] };
      for (const id of e.payload.productIds) w.productIds.add(id);
      w.moveIds.push(...e.payload.moveIds);
      byWarehouse.set(e.payload.warehouseId, w);
    }
    for (const [warehouseId, w] of [...byWarehouse].sort(([a], [b]) => a.localeCompare(b))) {
      await replenish(h.trx, h, h.actor, warehouseId, [...w.productIds], { moveIds: w.moveIds, settings });
    }
  });

  // a batch subscriber too: a board full of moves (or an import of stage changes) is one settings
  // read, and one check of all the moved deals' products, not a transaction per move
  ctx.events.subscribeBatch('deal.stage_changed', 'purchasing.replenish-pipeline', async (events, h) => {
    const settings = await getReplenishmentSettings(h.trx);
    if (!settings.autoDraft || !settings.countPipelineDemand) return;
    const productIds = new Set<string>();
    for (const dealId of new Set(events.map((e) => e.payload.dealId))) {
      const deal = await getDealDetail(h.trx, dealId);
      for (const l of deal?.lines ?? []) if (l.productId) productIds.add(l.productId);
    }
    if (productIds.size === 0) return;
    const warehouse = await getDefaultWarehouse(h.trx);
    await replenish(h.trx, h, h.actor, warehouse.id, [...productIds].sort(), { settings });
  });
}
