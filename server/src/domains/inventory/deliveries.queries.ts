import type { Selectable } from 'kysely';
import type { DealStock, Delivery, Reservation } from '../../../../contracts/inventory';
import { type Actor, scopeOf } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { paginate } from '../../platform/db/pagination';
import { notFound } from '../../platform/http/errors';
import { getProductSummaries } from '../catalog';
import { canSeeCompany, getCompanyNames, listCompanyIdsVisibleTo } from '../companies';
import { getDealDetail } from '../sales';
import type { InventoryDeps } from './inventory.deps';
import { fromMilli } from './inventory.mappers';
import type { DeliveriesTable } from './inventory.tables';

/** Reading deliveries: the delivery notes of a deal or an invoice and a deal's stock card. */

/** Deliveries as the API shows them (lines, product and company names) — a few queries for all. */
export async function toDeliveries(
  db: DbOrTx,
  rows: ReadonlyArray<Selectable<DeliveriesTable>>,
): Promise<Delivery[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('delivery_lines')
    .selectAll()
    .where(
      'delivery_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('delivery_id')
    .orderBy('position')
    .execute();
  const [products, companies] = await Promise.all([
    getProductSummaries(
      db,
      lines.map((l) => l.product_id),
    ),
    getCompanyNames(
      db,
      rows.flatMap((r) => (r.company_id ? [r.company_id] : [])),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    warehouseId: r.warehouse_id,
    dealId: r.deal_id,
    invoiceId: r.invoice_id,
    companyId: r.company_id,
    companyName: r.company_id ? (companies.get(r.company_id) ?? null) : null,
    deliveredOn: r.delivered_on,
    note: r.note,
    createdAt: r.created_at,
    lines: lines
      .filter((l) => l.delivery_id === r.id)
      .map((l) => {
        const p = products.get(l.product_id);
        return {
          productId: l.product_id,
          sku: p?.sku ?? '',
          productName: p?.name ?? '',
          unit: p?.unit ?? '',
          quantity: fromMilli(l.quantity_milli),
        };
      }),
  }));
}

export async function getDelivery(
  deps: Pick<InventoryDeps, 'db'>,
  actor: Actor,
  id: string,
): Promise<Delivery> {
  const row = await deps.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.company_id && !(await canSeeCompany(deps.db, actor, row.company_id)))) {
    throw notFound('delivery', id);
  }
  return (await toDeliveries(deps.db, [row]))[0] as Delivery;
}

/** Deliveries newest first; people who see only some companies see only those companies' deliveries. */
export async function listDeliveries(
  deps: Pick<InventoryDeps, 'db'>,
  actor: Actor,
  query: {
    dealId?: string | undefined;
    invoiceId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  let q = deps.db.selectFrom('deliveries').selectAll();
  if (query.dealId) q = q.where('deal_id', '=', query.dealId);
  if (query.invoiceId) q = q.where('invoice_id', '=', query.invoiceId);
  if (scopeOf(actor) !== 'all') {
    const visible = await listCompanyIdsVisibleTo(deps.db, actor);
    q = q.where('company_id', 'in', visible.length ? visible : ['']);
  }
  const page = await paginate(q, {
    sort: { column: 'id', direction: 'desc' },
    idColumn: 'id',
    limit: query.limit,
    cursor: query.cursor,
    key: (r) => ({ value: r.id, id: r.id }),
  });
  return { items: await toDeliveries(deps.db, page.items), nextCursor: page.nextCursor };
}

/** GET /api/deals/:id/stock: the deal's reservations (newest first) and deliveries (newest first). */
export async function getDealStock(
  deps: Pick<InventoryDeps, 'db'>,
  actor: Actor,
  dealId: string,
): Promise<DealStock> {
  const deal = await getDealDetail(deps.db, dealId);
  if (!deal || !(await canSeeCompany(deps.db, actor, deal.companyId))) throw notFound('deal', dealId);
  const reservations = await deps.db
    .selectFrom('stock_reservations')
    .selectAll()
    .where('deal_id', '=', dealId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const lines = reservations.length
    ? await deps.db
        .selectFrom('stock_reservation_lines')
        .selectAll()
        .where(
          'reservation_id',
          'in',
          reservations.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const products = await getProductSummaries(
    deps.db,
    lines.map((l) => l.product_id),
  );
  const deliveries = await deps.db
    .selectFrom('deliveries')
    .selectAll()
    .where('deal_id', '=', dealId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return {
    reservations: reservations.map(
      (r): Reservation => ({
        id: r.id,
        dealId: r.deal_id,
        warehouseId: r.warehouse_id,
        status: r.status,
        createdAt: r.created_at,
        closedAt: r.closed_at,
        lines: lines
          .filter((l) => l.reservation_id === r.id)
          .map((l) => {
            const p = products.get(l.product_id);
            const q = Number(l.quantity_milli);
            const d = Number(l.delivered_milli);
            const rel = Number(l.released_milli);
            return {
              productId: l.product_id,
              sku: p?.sku ?? '',
              productName: p?.name ?? '',
              unit: p?.unit ?? '',
              dealLineId: l.deal_line_id,
              quantity: fromMilli(q),
              delivered: fromMilli(d),
              released: fromMilli(rel),
              open: fromMilli(q - d - rel),
            };
          }),
      }),
    ),
    deliveries: await toDeliveries(deps.db, deliveries),
  };
}
