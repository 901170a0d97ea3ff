import { businessDate } from '../../platform/clock';
import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { registerAction } from '../automation';
import { getCompanyNames } from '../companies';
import { getDefaultWarehouse } from '../inventory';
import { findDraftIdsIn, findDraftNumber, findOrderNumber } from './automation.repository';
import { dec } from './replenishment.engine';
import { evaluate, loadStatics, type ReplenishmentDeps } from './replenishment.evaluate';
import { getReplenishmentSettings } from './replenishment.repository';
import { replenish } from './replenishment.service';

const num = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 });
const qty = (milli: number) => num.format(dec(milli));

/** The warehouse of the triggering event (`stock.below_minimum`, `stock.changed`), else the default one. */
async function warehouseOf(
  db: DbOrTx,
  scope: Record<string, Record<string, unknown> | null>,
): Promise<string> {
  const fromEvent = scope.event?.warehouseId;
  if (typeof fromEvent === 'string' && fromEvent) return fromEvent;
  return (await getDefaultWarehouse(db)).id;
}

export interface SuggestionPlan {
  /** What would be ordered, in words, or why nothing is ordered. */
  description: string;
  /** A reason the product cannot be ordered (no preferred supplier, no reorder point, …), or null. */
  problem: string | null;
}

/**
 * What replenishment would do for the product in the warehouse now (the same numbers as the
 * engine: stock, reservations, on order, pipeline demand when counted), in words: "23 × ET-1013
 * bei Elektro Nord in den Entwurf BE-2026-00012", or why nothing (enough stock) or the problem.
 */
export async function planSuggestion(
  db: DbOrTx,
  deps: ReplenishmentDeps,
  productId: string,
  warehouseId: string,
): Promise<SuggestionPlan> {
  const statics = await loadStatics(db, [productId]);
  const product = statics.products.get(productId);
  if (!product) return { description: 'Bestellvorschlag', problem: 'Produkt nicht gefunden' };
  const name = `${product.sku} (${product.name})`;
  if (product.kind !== 'stock') return { description: name, problem: `${name} ist kein Lagerartikel` };
  if (!product.active) return { description: name, problem: `${name} ist nicht aktiv` };
  const settings = await getReplenishmentSettings(db);
  const today = businessDate(deps.clock.now(), deps.config.timezone);
  const [e] = await evaluate(db, statics, warehouseId, [productId], settings, today);
  if (!e) return { description: name, problem: `${name} hat in diesem Lager keinen Meldebestand` };
  if (!e.numbers.below) {
    return {
      description: `${product.sku}: voraussichtlich ${qty(e.numbers.projectedMilli)} ≥ Meldebestand ${qty(e.input.reorderPointMilli)} – nichts zu bestellen`,
      problem: null,
    };
  }
  if (!e.supplier) return { description: name, problem: `${name} hat keinen bevorzugten Lieferanten` };
  const supplierId = e.supplier.companyId;
  const supplier = (await getCompanyNames(db, [supplierId])).get(supplierId) ?? supplierId;
  const draft = await findDraftNumber(db, supplierId, warehouseId);
  return {
    description: `${qty(e.numbers.quantityMilli)} × ${product.sku} bei ${supplier} ${draft ? `in den Entwurf ${draft}` : 'in einen neuen Entwurf'}`,
    problem: null,
  };
}

/**
 * `create_po_suggestion` (on a product): replenishment for that product, as the `stock.changed`
 * handler runs it (`replenish`), so its line lands in the preferred supplier's draft with its
 * explanation — whatever the "draft automatically" setting says (the rule asks for it). Idempotent:
 * the line's quantity is SET to the shortfall of now, so a retry orders nothing more. Result: the
 * draft when this run made it; null when the line went into a draft that existed already, or the
 * stock suffices. A product that cannot be ordered fails the run with the reason (no preferred
 * supplier, no reorder point, a service).
 */
export function registerCreatePoSuggestion(): void {
  registerAction({
    kind: 'create_po_suggestion',
    recordTypes: ['product'],
    async validate(_db, _action, rootType) {
      return rootType === 'product' ? null : 'Only a rule about a product can suggest a purchase order';
    },
    async describe(ctx) {
      if (ctx.root?.type !== 'product') return { description: 'Bestellvorschlag', problem: 'Kein Produkt' };
      return planSuggestion(ctx.db, ctx, ctx.root.id, await warehouseOf(ctx.db, ctx.scope));
    },
    async execute(ctx) {
      if (ctx.root?.type !== 'product') {
        throw new AppError(
          'unprocessable',
          'purchasing.not_a_product',
          'A purchase order is suggested for a product only',
        );
      }
      const productId = ctx.root.id;
      const warehouseId = await warehouseOf(ctx.trx, ctx.scope);
      const draftsBefore = await findDraftIdsIn(ctx.trx, warehouseId);
      const r = await replenish(ctx.trx, ctx, ctx.actor, warehouseId, [productId]);
      const draftId = r.purchaseOrderIds[0];
      // a draft that was there already (made by a person, replenishment or another run) is not
      // this run's making: linking it as the result would show "created by rule" on it (provenance)
      if (draftId && draftsBefore.has(draftId)) return null;
      if (draftId) {
        return {
          entityType: 'purchase_order',
          entityId: draftId,
          label: await findOrderNumber(ctx.trx, draftId),
        };
      }
      const plan = await planSuggestion(ctx.trx, ctx, productId, warehouseId);
      if (plan.problem) throw new AppError('unprocessable', 'purchasing.cannot_suggest', plan.problem);
      return null;
    },
  });
}
