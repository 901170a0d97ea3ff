import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/http/errors';
import { findProductsBySkuKeys, getProductSuppliers, skuKey } from '../catalog';
import { getDefaultWarehouse } from '../inventory';
import { findOrCreateDraft } from './draft-orders';
import { approvePurchaseOrder, sendPurchaseOrder } from './purchase-orders.lifecycle';
import { receiveGoods } from './purchase-orders.receive';
import { createPurchaseOrder, loadOrder, updatePurchaseOrder } from './purchase-orders.service';
import { todayOf } from './purchasing.deps';
import { putApprovalLimit } from './purchasing-settings.service';

/** What seedPurchasing needs of the demo data: the demo users by key (`purchasing`, `manager`). */
export interface PurchasingDemo {
  users: Record<string, string>;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** [sku, quantity ordered, quantity received] */
type DemoLine = [string, number, number];

interface DemoOrder {
  /** The supplier: the preferred supplier of the first line's product. */
  state: 'sent' | 'partially_received' | 'received' | 'draft';
  expectedInDays: number;
  to: string;
  lines: DemoLine[];
}

/** Four orders to the three demo suppliers (catalog.seed.ts). */
const DEMO_ORDERS: DemoOrder[] = [
  {
    state: 'received',
    expectedInDays: -4,
    to: 'bestellung@rhein-schmierstoffe.example',
    lines: [
      ['VM-2001', 200, 200],
      ['VM-2003', 48, 48],
      ['VM-2005', 24, 24],
    ],
  },
  {
    state: 'partially_received',
    expectedInDays: 3,
    to: 'vertrieb@kugellager-hofmann.example',
    lines: [
      ['ET-1010', 10, 4],
      ['ET-1011', 24, 24],
      ['ET-1029', 10, 0],
    ],
  },
  {
    state: 'sent',
    expectedInDays: 7,
    to: 'vertrieb@kugellager-hofmann.example',
    lines: [
      ['ET-1001', 100, 0],
      ['ET-1004', 20, 0],
      ['ET-1028', 30, 0],
    ],
  },
  // Hansa supplies ET-1013, the demo product below its reorder point: its replenishment line may
  // already wait in Hansa's draft, and the draft stays a draft (approving it would put the pump on
  // order and lift it above the point again).
  {
    state: 'draft',
    expectedInDays: 14,
    to: '',
    lines: [
      ['ET-1016', 4, 0],
      ['ET-1018', 50, 0],
    ],
  },
];

/**
 * The demo company's purchasing: approval limits (purchasing 5.000 €, manager 25.000 €) and four
 * purchase orders through the services (ledger moves, events, audit): one received, one partially
 * received, one sent and expected next week, one draft. Skipped when manual orders exist. When
 * replenishment already drafted an order to a supplier, the demo lines go into that draft.
 */
export async function seedPurchasing(ctx: AppContext, actor: Actor, demo: PurchasingDemo): Promise<void> {
  const existing = await ctx.db
    .selectFrom('purchase_orders')
    .select('id')
    .where('origin', '=', 'manual')
    .limit(1)
    .executeTakeFirst();
  if (existing) return;

  const purchasingId = demo.users.purchasing;
  const managerId = demo.users.manager;
  if (purchasingId) await putApprovalLimit(ctx, actor, purchasingId, { limitCents: 500_000 });
  if (managerId) await putApprovalLimit(ctx, actor, managerId, { limitCents: 2_500_000 });
  const approver: Actor = managerId
    ? { userId: managerId, name: 'Thomas Becker', role: 'manager', teamIds: [], origin: 'seed' }
    : actor;

  const skus = DEMO_ORDERS.flatMap((o) => o.lines.map(([sku]) => sku));
  const products = await findProductsBySkuKeys(ctx.db, skus.map(skuKey));
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const terms = await getProductSuppliers(
    ctx.db,
    products.map((p) => p.id),
  );
  const warehouse = await getDefaultWarehouse(ctx.db);
  const today = todayOf(ctx);

  for (const demoOrder of DEMO_ORDERS) {
    const lines = demoOrder.lines.filter(([sku]) => bySku.has(sku));
    const first = lines[0] && bySku.get(lines[0][0]);
    const supplierId = first && terms.find((t) => t.productId === first.id && t.preferred)?.companyId;
    if (!first || !supplierId) continue;
    const input = lines.map(([sku, quantity]) => ({ productId: bySku.get(sku)!.id, quantity }));
    const expectedDate = addDays(today, demoOrder.expectedInDays);
    let id: string;
    try {
      id = (await createPurchaseOrder(ctx, actor, { supplierId, expectedDate, lines: input })).id;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'purchase_orders.draft_exists')) throw err;
      // replenishment drafted an order to this supplier already: the demo lines join it
      const draft = await ctx.db
        .transaction()
        .execute((trx) =>
          findOrCreateDraft(trx, ctx, actor, { supplierId, warehouseId: warehouse.id, origin: 'manual' }),
        );
      const current = await loadOrder(ctx.db, draft.id, today);
      const mine = new Set(input.map((l) => l.productId));
      const kept = current.lines
        .filter((l) => !mine.has(l.productId))
        .map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents }));
      id = (
        await updatePurchaseOrder(ctx, actor, draft.id, {
          version: current.version,
          expectedDate,
          lines: [...kept, ...input],
        })
      ).id;
    }
    if (demoOrder.state === 'draft') continue;
    let order = await approvePurchaseOrder(ctx, approver, id, (await loadOrder(ctx.db, id, today)).version);
    order = (await sendPurchaseOrder(ctx, approver, id, { version: order.version, to: demoOrder.to })).order;
    const received = lines
      .filter(([, , got]) => got > 0)
      .map(([sku, , got]) => ({
        lineId: order.lines.find((l) => l.productId === bySku.get(sku)!.id)!.id,
        quantity: got,
      }));
    if (received.length > 0) {
      await receiveGoods(ctx, actor, id, {
        receivedOn: today,
        note: 'Lieferung laut Lieferschein',
        lines: received,
      });
    }
  }
}
