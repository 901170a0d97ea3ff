import type { AppContext } from '../../platform/context';
import { staleVersion } from '../../platform/http/errors';
import type { ProductSupplierRow } from './products.repository';
import { replaceProductSuppliers, updateProduct } from './products.repository';
import { afterChange, loadProduct } from './products.service';

/**
 * The supplier rows of `productId` with `sourceId` replaced by `targetId`. Where both companies
 * supplied the product, the surviving company's row (and its terms) stays and the other goes; it is
 * preferred if either was. Positions are renumbered; null when nothing points at `sourceId`.
 */
export function repointedSupplierRows(
  rows: readonly ProductSupplierRow[],
  sourceId: string,
  targetId: string,
  now: string,
): ProductSupplierRow[] | null {
  const source = rows.find((r) => r.company_id === sourceId);
  if (!source) return null;
  const target = rows.find((r) => r.company_id === targetId);
  const kept = target
    ? rows
        .filter((r) => r !== source)
        .map((r) => (r === target && source.preferred === 1 ? { ...r, preferred: 1, updated_at: now } : r))
    : rows.map((r) => (r === source ? { ...r, company_id: targetId, updated_at: now } : r));
  return [...kept].sort((a, b) => a.position - b.position).map((r, i) => ({ ...r, position: i }));
}

/**
 * Duplicate companies were merged: products supplied by the merged-away company are now supplied by
 * the one that was kept (else every later change of their suppliers fails: the old company is
 * merged away). Each changed product gets a new version, an audit entry by `event:company.merged`
 * and `product.updated`. Idempotent: a second delivery finds no supplier row on the old id.
 */
export function subscribeCatalogMergeRepointing(ctx: AppContext): void {
  ctx.events.subscribe('company.merged', 'catalog.repoint-suppliers', async (event, h) => {
    const { sourceId, targetId } = event.payload;
    if (sourceId === targetId) return;
    const affected = await h.trx
      .selectFrom('product_suppliers')
      .select('product_id')
      .where('company_id', '=', sourceId)
      .orderBy('product_id')
      .execute();
    const now = h.clock.now().toISOString();
    for (const { product_id: productId } of affected) {
      const before = await loadProduct(h.trx, productId);
      const rows = await h.trx
        .selectFrom('product_suppliers')
        .selectAll()
        .where('product_id', '=', productId)
        .execute();
      const next = repointedSupplierRows(rows, sourceId, targetId, now);
      if (!next) continue;
      if (!(await updateProduct(h.trx, productId, before.version, { updated_at: now }))) {
        // Changed by someone in between: the delivery is retried and reads it again.
        throw staleVersion('product', productId);
      }
      await replaceProductSuppliers(h.trx, productId, next);
      await afterChange(h.trx, h, h.actor, before);
    }
  });
}
