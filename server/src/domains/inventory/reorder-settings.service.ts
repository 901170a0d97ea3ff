import type { PutReorderSetting, ReorderSetting } from '../../../../contracts/inventory';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { getProductSummaries } from '../catalog';
import type { InventoryDeps } from './inventory.deps';
import { toMilli, toReorderSetting } from './inventory.mappers';
import { stockProducts } from './stock.service';
import { resolveWarehouse } from './warehouses.service';

/**
 * Reorder settings per product and warehouse: a reorder point and either a maximum level or a fixed
 * reorder quantity. A change raises `stock.changed` (no moves, `sourceType` `reorder_settings`) so
 * purchasing checks the product against its new point.
 */

async function assertProduct(db: InventoryDeps['db'] | Tx, productId: string) {
  const found = await getProductSummaries(db, [productId]);
  if (!found.has(productId)) throw notFound('product', productId);
  await stockProducts(db, [productId], () => 'productId');
}

export async function listReorderSettings(deps: InventoryDeps, productId: string) {
  const found = await getProductSummaries(deps.db, [productId]);
  if (!found.has(productId)) throw notFound('product', productId);
  const rows = await deps.db
    .selectFrom('reorder_settings')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('warehouse_id')
    .execute();
  return { items: rows.map(toReorderSetting) };
}

async function raiseChanged(
  trx: Tx,
  deps: InventoryDeps,
  actor: Actor,
  productId: string,
  warehouseId: string,
) {
  await publish(trx, deps.clock, actor, 'stock.changed', {
    warehouseId,
    productIds: [productId],
    moveIds: [],
    sourceType: 'reorder_settings',
    sourceId: productId,
  });
}

export async function putReorderSetting(
  deps: InventoryDeps,
  actor: Actor,
  productId: string,
  input: PutReorderSetting,
): Promise<ReorderSetting> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await assertProduct(trx, productId);
    const warehouseId = await resolveWarehouse(trx, input.warehouseId);
    const existing = await trx
      .selectFrom('reorder_settings')
      .selectAll()
      .where('product_id', '=', productId)
      .where('warehouse_id', '=', warehouseId)
      .executeTakeFirst();
    const values = {
      reorder_point_milli: toMilli(input.reorderPoint),
      max_level_milli: input.maxLevel == null ? null : toMilli(input.maxLevel),
      reorder_qty_milli: input.reorderQty == null ? null : toMilli(input.reorderQty),
      updated_at: now,
    };
    let row: ReorderSetting;
    if (existing) {
      if (input.version === undefined) {
        throw new AppError(
          'conflict',
          'reorder_settings.stale_version',
          'This product has reorder settings for the warehouse already: send their version to replace them',
        );
      }
      if (existing.version !== input.version) throw staleVersion('reorder_settings', productId);
      const updated = await trx
        .updateTable('reorder_settings')
        .set({ ...values, version: existing.version + 1 })
        .where('product_id', '=', productId)
        .where('warehouse_id', '=', warehouseId)
        .where('version', '=', existing.version)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw staleVersion('reorder_settings', productId);
      row = toReorderSetting(updated);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'reorder_settings',
        entityId: productId,
        before: { ...toReorderSetting(existing), version: undefined },
        after: { ...row, version: undefined },
        label: 'Reorder settings',
      });
    } else {
      const inserted = { product_id: productId, warehouse_id: warehouseId, ...values, version: 1 };
      await trx.insertInto('reorder_settings').values(inserted).execute();
      row = toReorderSetting(inserted);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'reorder_settings',
        entityId: productId,
        before: null,
        after: { ...row, version: undefined },
        label: 'Reorder settings',
      });
    }
    await raiseChanged(trx, deps, actor, productId, warehouseId);
    return row;
  });
}

export async function deleteReorderSetting(
  deps: InventoryDeps,
  actor: Actor,
  productId: string,
  warehouseIdInput: string | undefined,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const found = await getProductSummaries(trx, [productId]);
    if (!found.has(productId)) throw notFound('product', productId);
    const warehouseId = await resolveWarehouse(trx, warehouseIdInput);
    const existing = await trx
      .selectFrom('reorder_settings')
      .selectAll()
      .where('product_id', '=', productId)
      .where('warehouse_id', '=', warehouseId)
      .executeTakeFirst();
    if (!existing) return;
    await trx
      .deleteFrom('reorder_settings')
      .where('product_id', '=', productId)
      .where('warehouse_id', '=', warehouseId)
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'reorder_settings',
      entityId: productId,
      before: { ...toReorderSetting(existing), version: undefined },
      after: null,
      label: 'Reorder settings',
    });
    await raiseChanged(trx, deps, actor, productId, warehouseId);
  });
}
