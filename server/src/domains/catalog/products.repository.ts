import { type Selectable, sql, type Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import { paginate, type SortSpec } from '../../platform/db/pagination';
import type { ProductSuppliersTable, ProductsTable } from './catalog.tables';

export type ProductRow = Selectable<ProductsTable>;
export type ProductSupplierRow = Selectable<ProductSuppliersTable>;
/** A list row: the product, its preferred supplier's company and how many suppliers it has. */
export type ProductListRow = ProductRow & {
  preferred_company_id: string | null;
  supplier_count: number | string;
};

/** Sort fields of the products list → columns. */
export const PRODUCT_SORT_COLUMNS: Record<string, string> = {
  name: 'products.name_key',
  sku: 'products.sku_key',
  salesPrice: 'products.sales_price_cents',
  createdAt: 'products.created_at',
  updatedAt: 'products.updated_at',
};

/** SKUs are compared without case and surrounding spaces. */
export const skuKey = (sku: string) => sku.trim().toLowerCase();

/** `%term%` for LIKE, with the wildcard characters escaped (used with `escape '\'`). */
function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
function prefixPattern(term: string): string {
  return `${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function insertProduct(db: DbOrTx, row: ProductRow) {
  return db.insertInto('products').values(row).execute();
}

/** Many products in multi-row inserts (seed, imports). */
export async function insertProducts(db: DbOrTx, rows: ProductRow[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('products')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

export function findProduct(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProductsByIds(db: DbOrTx, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('products').selectAll().where('id', 'in', ids).execute();
}

/** The product with this SKU (any case), if any. */
export function findProductBySkuKey(db: DbOrTx, key: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('sku_key', '=', key).executeTakeFirst();
}

export function findProductsBySkuKeys(db: DbOrTx, keys: readonly string[]): Promise<ProductRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('products').selectAll().where('sku_key', 'in', keys).execute();
}

/** Optimistic update: false when the version did not match. */
export async function updateProduct(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<ProductsTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('products')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findSuppliersOfProducts(
  db: DbOrTx,
  productIds: readonly string[],
): Promise<ProductSupplierRow[]> {
  if (productIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('product_suppliers')
    .selectAll()
    .where('product_id', 'in', productIds)
    .orderBy('product_id')
    .orderBy('position')
    .execute();
}

/**
 * Replaces a product's supplier rows: all are deleted, then the new ones inserted in one statement,
 * so the partial unique index (one preferred per product) never sees an old and a new preferred row.
 * Run it in the transaction that checked the product's version.
 */
export async function replaceProductSuppliers(db: DbOrTx, productId: string, rows: ProductSupplierRow[]) {
  await db.deleteFrom('product_suppliers').where('product_id', '=', productId).execute();
  if (rows.length) await db.insertInto('product_suppliers').values(rows).execute();
}

export async function insertProductSuppliers(db: DbOrTx, rows: ProductSupplierRow[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('product_suppliers')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

export interface ProductFilters {
  q?: string | undefined;
  kind?: 'stock' | 'service' | undefined;
  active?: boolean | undefined;
  supplierId?: string | undefined;
}

export function listProducts(
  db: DbOrTx,
  filters: ProductFilters,
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  let q = db
    .selectFrom('products')
    .selectAll('products')
    .select((eb) => [
      eb
        .selectFrom('product_suppliers as ps')
        .select('ps.company_id')
        .whereRef('ps.product_id', '=', 'products.id')
        .where('ps.preferred', '=', 1)
        .limit(1)
        .as('preferred_company_id'),
      eb
        .selectFrom('product_suppliers as pc')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('pc.product_id', '=', 'products.id')
        .as('supplier_count'),
    ]);
  if (filters.q) {
    const pattern = likePattern(filters.q);
    q = q.where(
      sql<boolean>`(products.sku_key like ${pattern} escape '\\' or products.name_key like ${pattern} escape '\\')`,
    );
  }
  if (filters.kind) q = q.where('products.kind', '=', filters.kind);
  if (filters.active !== undefined) q = q.where('products.active', '=', filters.active ? 1 : 0);
  if (filters.supplierId) {
    const supplierId = filters.supplierId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('product_suppliers as sf')
          .select('sf.id')
          .whereRef('sf.product_id', '=', 'products.id')
          .where('sf.company_id', '=', supplierId),
      ),
    );
  }
  const column = page.sort.column.replace(/^products\./, '') as keyof ProductRow;
  return paginate(q as never, {
    sort: page.sort,
    idColumn: 'products.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (row: ProductListRow) => ({ value: row[column], id: row.id }),
  }) as Promise<{ items: ProductListRow[]; nextCursor: string | null }>;
}

/**
 * Active products for a line editor: SKU beginning with the term first, then SKU or name containing
 * it; by name within each group.
 */
export function lookupProducts(db: DbOrTx, term: string, limit: number): Promise<ProductRow[]> {
  let q = db.selectFrom('products').selectAll().where('active', '=', 1);
  if (term) {
    const contains = likePattern(term);
    const prefix = prefixPattern(term);
    q = q
      .where(sql<boolean>`(sku_key like ${contains} escape '\\' or name_key like ${contains} escape '\\')`)
      .orderBy(
        sql`case when sku_key = ${term.toLowerCase()} then 0 when sku_key like ${prefix} escape '\\' then 1 when name_key like ${prefix} escape '\\' then 2 else 3 end`,
      );
  }
  return q.orderBy('name_key').orderBy('id').limit(limit).execute();
}

export async function countProducts(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('products').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
