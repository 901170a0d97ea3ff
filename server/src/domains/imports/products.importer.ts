import {
  CreateProduct,
  type Product,
  ProductSupplierInput,
  type UpdateProduct,
} from '../../../../contracts/catalog';
import { auditEntryRow, recordAudits } from '../../platform/audit/audit';
import { parseEuroCents, parseLocaleNumber } from '../../platform/csv/locale-numbers';
import { AppError } from '../../platform/http/errors';
import {
  applyProductUpdate,
  findProductsBySkuKeys,
  insertProductSuppliers,
  insertProducts,
  loadProduct,
  newProductRow,
  productAuditSnapshot,
  skuKey,
  supplierRows,
  supplierUpsertRows,
  toProduct,
  upsertProductSupplier,
} from '../catalog';
import { type CompanyRow, companyNameKey, findCompaniesByImportKeys } from '../companies';
import { parseBool } from './cells';
import {
  type Decision,
  type EntityImporter,
  type PlanEntry,
  type Reason,
  type RowCells,
  type RunContext,
  reason,
  reasonsFromZod,
  type WriteResult,
} from './importer';
import { sameValue } from './merge-values';
import { KIND_WORDS, UNIT_WORDS } from './product-words';

/**
 * A row's product fields: the API's create input, but the name may be left out — a row that updates
 * an existing product (found by SKU) needs only the columns it fills.
 */
const ProductRowInput = CreateProduct.extend({ name: CreateProduct.shape.name.optional() });

/**
 * A valid product row: the product fields (the create input's defaults where empty), the fields the
 * row filled, its supplier columns. A row that creates a product must fill name and sales price.
 */
export interface ProductItem {
  input: Omit<CreateProduct, 'name'> & { name?: string | undefined };
  present: string[];
  supplier?: {
    name: string;
    companyId?: string;
    supplierSku?: string | null;
    purchasePriceCents?: number | null;
    minOrderQty?: number;
    packSize?: number;
    leadTimeDays?: number;
  };
}

/** Where the API's field errors show in the import (the CSV field names). */
const RENAME = {
  salesPriceCents: 'salesPrice',
  purchasePriceCents: 'purchasePrice',
  suppliers: 'supplierName',
};

export function productsImporter(ctx: RunContext): EntityImporter<ProductItem> {
  /** SKU keys of the rows so far → their row number: the same product twice in the file. */
  const inFile = new Map<string, number>();
  /** Supplier names (name key) → their companies, looked up once per run. */
  const suppliers = new Map<string, CompanyRow | null>();

  function decimal(cells: RowCells, field: string, reasons: Reason[]): number | undefined {
    const v = cells.get(field);
    if (!v) return undefined;
    const n = parseLocaleNumber(v, ctx.decimal);
    if (!n.ok) {
      reasons.push(reason(ctx, field, `"${v}" is not a number`));
      return undefined;
    }
    return n.sign * Number(`${n.whole}.${n.fraction || '0'}`);
  }

  function euros(cells: RowCells, field: string, reasons: Reason[]): number | undefined {
    const v = cells.get(field);
    if (!v) return undefined;
    const n = parseEuroCents(v.replace(/\s*(€|eur)\s*$/i, ''), ctx.decimal);
    if ('error' in n) {
      reasons.push(reason(ctx, field, n.error));
      return undefined;
    }
    return n.cents;
  }

  function parse(cells: RowCells): { item?: ProductItem; reasons: Reason[] } {
    const reasons: Reason[] = [];
    const present: string[] = [];
    const raw: Record<string, unknown> = { sku: cells.get('sku') };
    present.push('sku');
    const name = cells.get('name');
    if (name) {
      raw.name = name;
      present.push('name');
    }
    const description = cells.get('description');
    if (description) {
      raw.description = description;
      present.push('description');
    }
    const unit = cells.get('unit');
    if (unit) {
      raw.unit = UNIT_WORDS[unit.toLowerCase().replace(/\.$/, '')] ?? unit;
      present.push('unit');
    }
    const sales = euros(cells, 'salesPrice', reasons);
    // 0 only stands in for an update row's empty cell (not written); a new product needs a price
    raw.salesPriceCents = sales ?? 0;
    if (sales !== undefined) present.push('salesPriceCents');
    const purchase = euros(cells, 'purchasePrice', reasons);
    if (purchase !== undefined) {
      raw.purchasePriceCents = purchase;
      present.push('purchasePriceCents');
    }
    const vat = cells.get('vatRate');
    if (vat) {
      const n = decimal({ ...cells, get: () => vat.replace(/\s*%$/, '') }, 'vatRate', reasons);
      if (n !== undefined) {
        raw.vatRate = n;
        present.push('vatRate');
      }
    }
    const kind = cells.get('kind');
    if (kind) {
      const k = KIND_WORDS[kind.toLowerCase()];
      if (!k)
        reasons.push(
          reason(
            ctx,
            'kind',
            `"${kind}" is not a kind; use stock (Lagerartikel) or service (Dienstleistung)`,
          ),
        );
      else {
        raw.kind = k;
        present.push('kind');
      }
    }
    const active = cells.get('active');
    if (active) {
      const b = parseBool(active);
      if ('error' in b) reasons.push(reason(ctx, 'active', b.error));
      else {
        raw.active = b.value;
        present.push('active');
      }
    }
    const checked = ProductRowInput.safeParse(raw);
    if (!checked.success) reasons.push(...reasonsFromZod(checked.error, ctx, RENAME));

    let supplier: ProductItem['supplier'];
    const supplierName = cells.get('supplierName');
    const supplierSku = cells.get('supplierSku');
    const supplierPrice = euros(cells, 'supplierPrice', reasons);
    const minOrderQty = decimal(cells, 'minOrderQty', reasons);
    const packSize = decimal(cells, 'packSize', reasons);
    const leadTime = decimal(cells, 'leadTimeDays', reasons);
    if (supplierName) {
      const given = {
        supplierSku: supplierSku || undefined,
        purchasePriceCents: supplierPrice,
        minOrderQty,
        packSize,
        leadTimeDays: leadTime,
      };
      const terms = ProductSupplierInput.partial().safeParse(given);
      if (!terms.success) {
        reasons.push(...reasonsFromZod(terms.error, ctx, { purchasePriceCents: 'supplierPrice' }));
      } else {
        supplier = { name: supplierName };
        for (const [k, v] of Object.entries(terms.data)) {
          // only the columns the row filled (the schema's defaults would overwrite existing terms)
          if (given[k as keyof typeof given] !== undefined) (supplier as Record<string, unknown>)[k] = v;
        }
      }
    } else if (
      supplierSku ||
      supplierPrice !== undefined ||
      minOrderQty !== undefined ||
      packSize !== undefined ||
      leadTime !== undefined
    ) {
      reasons.push(reason(ctx, 'supplierName', 'Name the supplier the supplier columns belong to'));
    }
    if (reasons.length || !checked.success) return { reasons };
    return { item: { input: checked.data, present, ...(supplier ? { supplier } : {}) }, reasons };
  }

  async function resolveSuppliers(items: ProductItem[]) {
    const unknown = [
      ...new Set(
        items
          .map((i) => i.supplier?.name)
          .filter((n): n is string => !!n)
          .map(companyNameKey),
      ),
    ].filter((k) => !suppliers.has(k));
    if (!unknown.length) return;
    const rows = await findCompaniesByImportKeys(ctx.db, { vatIds: [], webDomains: [], nameKeys: unknown });
    for (const key of unknown) {
      const matches = rows.filter((r) => r.name_key === key || r.legal_name_key === key);
      suppliers.set(key, matches.find((r) => r.role_supplier === 1) ?? matches[0] ?? null);
    }
  }

  async function resolve(batch: ReadonlyArray<{ row: number; item: ProductItem }>) {
    await resolveSuppliers(batch.map((b) => b.item));
    const existing = new Map(
      (
        await findProductsBySkuKeys(
          ctx.db,
          batch.map((b) => skuKey(b.item.input.sku)),
        )
      ).map((p) => [p.sku_key, p]),
    );
    return batch.map(({ row, item }): Decision<ProductItem> => {
      const reasons: Reason[] = [];
      if (item.supplier) {
        const company = suppliers.get(companyNameKey(item.supplier.name));
        if (!company)
          reasons.push(reason(ctx, 'supplierName', `There is no company "${item.supplier.name}"`));
        else if (company.role_supplier !== 1)
          reasons.push(
            reason(
              ctx,
              'supplierName',
              `${company.name} is not a supplier; give the company the supplier role first`,
            ),
          );
        else item.supplier.companyId = company.id;
      }
      const key = skuKey(item.input.sku);
      const first = inFile.get(key);
      if (first !== undefined) {
        reasons.push(reason(ctx, 'sku', `Row ${first} has the same SKU: the product is twice in the file`));
      }
      if (reasons.length) return { kind: 'reject', reasons };
      inFile.set(key, row);
      const match = existing.get(key);
      if (!match) {
        const missing: Reason[] = [];
        if (!item.present.includes('name'))
          missing.push(reason(ctx, 'name', 'The name is missing: a new product needs one'));
        if (!item.present.includes('salesPriceCents'))
          missing.push(reason(ctx, 'salesPrice', 'The sales price is missing: a new product needs one'));
        if (missing.length) return { kind: 'reject', reasons: missing };
        return { kind: 'create', item };
      }
      const why = `“${match.name}” already has the SKU ${match.sku}`;
      if (ctx.mode === 'update') return { kind: 'update', targetId: match.id, item };
      if (ctx.mode === 'create')
        return { kind: 'reject', reasons: [reason(ctx, 'sku', `${why}; SKUs are unique`)] };
      return { kind: 'skip', reason: reason(ctx, 'sku', why), matchedId: match.id };
    });
  }

  /** The product fields an update row changes (the SKU identifies it and stays). */
  function updateOf(current: Product, item: ProductItem): UpdateProduct | null {
    const input = item.input as Record<string, unknown>;
    const patch: Record<string, unknown> = {};
    for (const field of item.present) {
      if (field === 'sku') continue;
      if (!sameValue(current[field as keyof Product], input[field])) patch[field] = input[field];
    }
    if (Object.keys(patch).length === 0) return null;
    return { version: current.version, ...patch } as UpdateProduct;
  }

  async function write(
    trx: Parameters<EntityImporter<ProductItem>['write']>[0],
    at: string,
    batch: ReadonlyArray<PlanEntry<ProductItem>>,
  ) {
    const result: WriteResult = { created: 0, updated: 0, skipped: [] };
    const creates = batch.filter((e) => e.kind === 'create');
    // resolve let only rows with a name create products
    const rows = creates.map((e) => newProductRow(e.item.input as CreateProduct, { now: at }));
    const supplierLinks: Awaited<ReturnType<typeof supplierRows>> = [];
    for (const [i, e] of creates.entries()) {
      const s = e.item.supplier;
      if (!s?.companyId) continue;
      supplierLinks.push(
        ...(await supplierRows(
          trx,
          rows[i]!.id,
          [
            {
              companyId: s.companyId,
              supplierSku: s.supplierSku ?? null,
              purchasePriceCents: s.purchasePriceCents ?? null,
              minOrderQty: s.minOrderQty ?? 1,
              packSize: s.packSize ?? 1,
              leadTimeDays: s.leadTimeDays ?? 0,
              preferred: true,
            },
          ],
          at,
        )),
      );
    }
    await insertProducts(trx, rows);
    await insertProductSuppliers(trx, supplierLinks);
    const names = new Map<string, string>();
    for (const [key, c] of suppliers) if (c) names.set(c.id, c.name ?? key);
    await recordAudits(
      trx,
      rows.map((r) =>
        auditEntryRow(at, ctx.actor, {
          entityType: 'product',
          entityId: r.id,
          before: null,
          after: productAuditSnapshot(
            toProduct(
              r,
              supplierLinks.filter((l) => l.product_id === r.id),
              names,
            ),
          ),
        }),
      ),
    );
    result.created = rows.length;

    for (const e of batch) {
      if (e.kind !== 'update' || !e.targetId) continue;
      try {
        const current = await loadProduct(trx, e.targetId);
        const update = updateOf(current, e.item);
        const s = e.item.supplier;
        let supplier: Parameters<typeof supplierUpsertRows>[2] | undefined;
        if (s?.companyId) {
          const { name: _n, ...terms } = s;
          supplier = { ...terms, companyId: s.companyId };
          // checked before anything of the row is written: a row that fails writes nothing
          await supplierUpsertRows(trx, current, supplier, at);
        }
        let changed = false;
        if (update) {
          await applyProductUpdate(trx, { clock: ctx.clock }, ctx.actor, e.targetId, update);
          changed = true;
        }
        if (supplier) {
          const after = await upsertProductSupplier(
            trx,
            { clock: ctx.clock },
            ctx.actor,
            e.targetId,
            supplier,
          );
          changed ||= after !== null;
        }
        if (changed) result.updated++;
        else
          result.skipped.push({
            row: e.row,
            reason: reason(ctx, 'row', `“${current.name}” already has these values`),
            matchedId: current.id,
          });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        result.skipped.push({ row: e.row, reason: reason(ctx, 'row', err.message), matchedId: e.targetId });
      }
    }
    return result;
  }

  return { parse, resolve, write };
}
