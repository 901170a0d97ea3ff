import type {
  CreateProduct,
  Product,
  ProductListItem,
  ProductListQuery,
  ProductLookupItem,
  ProductLookupQuery,
  UpdateProduct,
} from '../../../../contracts/catalog';
import type { ListResponse } from '../../../../contracts/common';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { type DbOrTx, isUniqueViolation, type Tx } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { publish } from '../../platform/events/publish';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getCompanyNames } from '../companies';
import type { CatalogDeps } from './catalog.deps';
import type { ProductsTable } from './catalog.tables';
import { type SupplierEntry, supplierRows } from './product-suppliers';
import { productAuditSnapshot, toLookupItem, toProduct, toProductListItem } from './products.mappers';
import {
  findProduct,
  findProductBySkuKey,
  findSuppliersOfProducts,
  insertProduct,
  insertProductSuppliers,
  listProducts as listProductRows,
  lookupProducts as lookupProductRows,
  PRODUCT_SORT_COLUMNS,
  type ProductRow,
  type ProductSupplierRow,
  replaceProductSuppliers,
  skuKey,
  updateProduct as updateProductRow,
} from './products.repository';

/** A product with its suppliers, else 404. */
export async function loadProduct(db: DbOrTx, id: string): Promise<Product> {
  const row = await findProduct(db, id);
  if (!row) throw notFound('product', id);
  const suppliers = await findSuppliersOfProducts(db, [id]);
  const names = await getCompanyNames(
    db,
    suppliers.map((s) => s.company_id),
  );
  return toProduct(row, suppliers, names);
}

export function getProduct(deps: CatalogDeps, id: string): Promise<Product> {
  return loadProduct(deps.db, id);
}

export async function listProducts(
  deps: CatalogDeps,
  query: ProductListQuery,
): Promise<ListResponse<ProductListItem>> {
  const page = await listProductRows(
    deps.db,
    {
      q: query.q || undefined,
      kind: query.kind,
      active: query.active === 'all' ? undefined : query.active === 'true',
      supplierId: query.supplierId,
    },
    { sort: parseSort(query.sort, PRODUCT_SORT_COLUMNS), limit: query.limit, cursor: query.cursor },
  );
  const names = await getCompanyNames(
    deps.db,
    page.items.map((r) => r.preferred_company_id).filter((id): id is string => !!id),
  );
  return { items: page.items.map((r) => toProductListItem(r, names)), nextCursor: page.nextCursor };
}

/** Active products matching the term, with what a deal or invoice line takes from them. */
export async function lookupProducts(
  deps: CatalogDeps,
  query: ProductLookupQuery,
): Promise<{ items: ProductLookupItem[] }> {
  const rows = await lookupProductRows(deps.db, query.q, query.limit);
  return { items: rows.map(toLookupItem) };
}

const skuTaken = (sku: string, other: ProductRow) =>
  new AppError(
    'unprocessable',
    'products.sku_taken',
    `The SKU ${sku} is already used by “${other.name}” (${other.sku})`,
    [{ path: 'sku', message: `The SKU is already used by “${other.name}”` }],
  );

async function checkSkuFree(db: DbOrTx, sku: string, exceptId?: string) {
  const other = await findProductBySkuKey(db, skuKey(sku));
  if (other && other.id !== exceptId) throw skuTaken(sku, other);
}

/** The row of a new product, from validated input (the API's create, the seed, imports). */
export function newProductRow(input: CreateProduct, ctx: { id?: string; now: string }): ProductRow {
  return {
    id: ctx.id ?? uuidv7(),
    sku: input.sku,
    sku_key: skuKey(input.sku),
    name: input.name,
    name_key: input.name.toLowerCase(),
    description: input.description ?? null,
    unit: input.unit,
    sales_price_cents: input.salesPriceCents,
    purchase_price_cents: input.purchasePriceCents ?? null,
    vat_rate: input.vatRate,
    kind: input.kind,
    active: input.active ? 1 : 0,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
}

/** A unique violation on the SKU (a concurrent create won the race) as the same 422. */
async function mapSkuRace<T>(sku: string, db: DbOrTx, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const other = await findProductBySkuKey(db, skuKey(sku));
    if (other) throw skuTaken(sku, other);
    throw err;
  }
}

/** Creates a product with its suppliers (raises `product.created`). */
export async function createProduct(deps: CatalogDeps, actor: Actor, input: CreateProduct): Promise<Product> {
  await checkSkuFree(deps.db, input.sku);
  const now = deps.clock.now().toISOString();
  const row = newProductRow(input, { now });
  return mapSkuRace(input.sku, deps.db, () =>
    deps.db.transaction().execute(async (trx) => {
      const suppliers = await supplierRows(trx, row.id, input.suppliers as SupplierEntry[], now);
      await insertProduct(trx, row);
      await insertProductSuppliers(trx, suppliers);
      const product = await loadProduct(trx, row.id);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'product',
        entityId: row.id,
        before: null,
        after: productAuditSnapshot(product),
      });
      await publish(trx, deps.clock, actor, 'product.created', {
        productId: row.id,
        sku: row.sku,
        name: row.name,
        kind: row.kind,
      });
      return product;
    }),
  );
}

const FIELD_COLUMNS = {
  sku: 'sku',
  name: 'name',
  description: 'description',
  unit: 'unit',
  salesPriceCents: 'sales_price_cents',
  purchasePriceCents: 'purchase_price_cents',
  vatRate: 'vat_rate',
  kind: 'kind',
  active: 'active',
} as const satisfies Record<string, keyof ProductsTable>;

/** Changes a product (optimistic on `version`); null clears an optional field. */
export async function updateProduct(
  deps: CatalogDeps,
  actor: Actor,
  id: string,
  input: UpdateProduct,
): Promise<Product> {
  return mapSkuRace(input.sku ?? '', deps.db, () =>
    deps.db.transaction().execute((trx) => applyProductUpdate(trx, deps, actor, id, input)),
  );
}

/** updateProduct in the caller's transaction (imports update many products in one). */
export async function applyProductUpdate(
  trx: Tx,
  deps: Pick<CatalogDeps, 'clock'>,
  actor: Actor,
  id: string,
  input: UpdateProduct,
): Promise<Product> {
  const before = await loadProduct(trx, id);
  if (before.version !== input.version) throw staleVersion('product', id);
  if (input.sku !== undefined && skuKey(input.sku) !== skuKey(before.sku))
    await checkSkuFree(trx, input.sku, id);
  const patch: Partial<ProductsTable> = { updated_at: deps.clock.now().toISOString() };
  for (const [field, column] of Object.entries(FIELD_COLUMNS) as Array<
    [keyof typeof FIELD_COLUMNS, keyof ProductsTable]
  >) {
    const value = input[field];
    if (value === undefined) continue;
    (patch as Record<string, unknown>)[column] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  if (input.sku !== undefined) patch.sku_key = skuKey(input.sku);
  if (input.name !== undefined) patch.name_key = input.name.toLowerCase();
  if (!(await updateProductRow(trx, id, input.version, patch))) throw staleVersion('product', id);
  return afterChange(trx, deps, actor, before);
}

/** Audit and `product.updated` after a change (none when nothing changed). */
export async function afterChange(
  trx: Tx,
  deps: Pick<CatalogDeps, 'clock'>,
  actor: Actor,
  before: Product,
): Promise<Product> {
  const after = await loadProduct(trx, before.id);
  const b = productAuditSnapshot(before);
  const a = productAuditSnapshot(after);
  const changed = Object.keys(a).filter(
    (k) => k !== 'version' && JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'product',
    entityId: before.id,
    before: b,
    after: a,
  });
  if (changed.length) {
    await publish(trx, deps.clock, actor, 'product.updated', {
      productId: after.id,
      sku: after.sku,
      kind: after.kind,
      active: after.active,
      changed,
    });
  }
  return after;
}

/** Replaces the product's supplier list (optimistic on the product's `version`, which it bumps). */
export async function replaceSuppliers(
  deps: CatalogDeps,
  actor: Actor,
  id: string,
  input: { version: number; suppliers: SupplierEntry[] },
): Promise<Product> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadProduct(trx, id);
    if (before.version !== input.version) throw staleVersion('product', id);
    const now = deps.clock.now().toISOString();
    const rows = await supplierRows(trx, id, input.suppliers, now);
    if (!(await updateProductRow(trx, id, input.version, { updated_at: now }))) {
      throw staleVersion('product', id);
    }
    await replaceProductSuppliers(trx, id, rows);
    return afterChange(trx, deps, actor, before);
  });
}

/**
 * "Deleting" a product deactivates it: invoices, deals, stock moves and purchase orders keep
 * pointing at it, and it no longer appears in lookups. Idempotent; reactivate with PATCH active.
 */
export async function deactivateProduct(deps: CatalogDeps, actor: Actor, id: string): Promise<Product> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadProduct(trx, id);
    if (!before.active) return before;
    return applyProductUpdate(trx, deps, actor, id, { version: before.version, active: false });
  });
}

/** What `upsertProductSupplier` adds or changes: a supplier entry of the CSV import. */
export type SupplierUpsert = Partial<Omit<SupplierEntry, 'companyId' | 'preferred'>> & { companyId: string };

/**
 * The supplier rows `product` would have after `upsertProductSupplier(entry)`, checked like a
 * supplier list (422 when not valid); null when nothing would change. Writes nothing: the import
 * checks a row's supplier before it writes anything for the row.
 */
export async function supplierUpsertRows(
  db: DbOrTx,
  product: Product,
  entry: SupplierUpsert,
  now: string,
): Promise<ProductSupplierRow[] | null> {
  const entries = entriesOf(product);
  const defined = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
  const index = entries.findIndex((e) => e.companyId === entry.companyId);
  if (index >= 0) entries[index] = { ...entries[index]!, ...defined };
  else
    entries.push({
      minOrderQty: 1,
      packSize: 1,
      leadTimeDays: 0,
      ...defined,
      companyId: entry.companyId,
      preferred: entries.length === 0,
    });
  if (index >= 0 && JSON.stringify(entries[index]) === JSON.stringify(entriesOf(product)[index])) return null;
  return supplierRows(db, product.id, entries, now);
}

/**
 * Adds a supplier to a product or changes its terms (the CSV import's supplier columns), in the
 * caller's transaction. A product without suppliers gets it as its preferred one. Returns null when
 * nothing changed.
 */
export async function upsertProductSupplier(
  trx: Tx,
  deps: Pick<CatalogDeps, 'clock'>,
  actor: Actor,
  id: string,
  entry: SupplierUpsert,
): Promise<Product | null> {
  const before = await loadProduct(trx, id);
  const now = deps.clock.now().toISOString();
  const rows = await supplierUpsertRows(trx, before, entry, now);
  if (!rows) return null;
  if (!(await updateProductRow(trx, id, before.version, { updated_at: now })))
    throw staleVersion('product', id);
  await replaceProductSuppliers(trx, id, rows);
  return afterChange(trx, deps, actor, before);
}

function entriesOf(p: Product): SupplierEntry[] {
  return p.suppliers.map((s) => ({
    companyId: s.companyId,
    supplierSku: s.supplierSku,
    purchasePriceCents: s.purchasePriceCents,
    minOrderQty: s.minOrderQty,
    packSize: s.packSize,
    leadTimeDays: s.leadTimeDays,
    preferred: s.preferred,
  }));
}
