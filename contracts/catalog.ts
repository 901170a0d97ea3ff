import { z } from 'zod';
import { Id, Instant, ListQuery, listResponse, Version } from './common';

/*
 * The product catalog (issue 6): products with prices, VAT rate and unit, and their suppliers
 * (companies with the supplier role). Deal and invoice line editors pick products through
 * `GET /api/products/lookup`; inventory and purchasing build on products and their suppliers.
 *
 * Quantities (minimum order quantity, pack size) are decimals with up to 3 places, in the product's
 * unit, like invoice and deal lines (stored as thousandths).
 */

export const PRODUCT_KINDS = ['stock', 'service'] as const;
/** `stock`: stock-tracked goods; `service`: hours, flat fees — never in stock. */
export const ProductKind = z.enum(PRODUCT_KINDS);
export type ProductKind = z.infer<typeof ProductKind>;

export const PRODUCT_VAT_RATES = [19, 7, 0] as const;
export const ProductVatRate = z.union([z.literal(19), z.literal(7), z.literal(0)], {
  message: 'The VAT rate must be 19, 7 or 0 (percent)',
});
export type ProductVatRate = z.infer<typeof ProductVatRate>;

/** UN/ECE Recommendation 20 codes offered in the product form (any 2–3 character code is accepted). */
export const PRODUCT_UNITS = [
  'C62',
  'HUR',
  'DAY',
  'KGM',
  'GRM',
  'MTR',
  'MTK',
  'LTR',
  'SET',
  'PR',
  'LS',
] as const;

const Cents = z
  .number()
  .int({ message: 'Amounts are whole cents' })
  .min(0, { message: 'Prices cannot be negative' })
  .max(10_000_000_000_000);

/** Up to 3 decimals, at least one thousandth. */
const Quantity = z
  .number()
  .positive({ message: 'The quantity must be more than 0' })
  .max(1e9)
  .refine((v) => Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6, {
    message: 'Use at most 3 decimals',
  });

export const Sku = z
  .string()
  .trim()
  .min(1, { message: 'Enter a SKU' })
  .max(64, { message: 'Use at most 64 characters' })
  .regex(/^([^\s,;]+( [^\s,;]+)*)?$/, { message: 'A SKU has no commas, semicolons or double spaces' });

const Unit = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,3}$/, { message: 'Use a UN/ECE unit code such as C62, HUR, KGM, MTR or LTR' });

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Use at most ${max} characters` })
    .transform((v) => v || null)
    .nullish();

const Name = z
  .string()
  .trim()
  .min(1, { message: 'Enter a name' })
  .max(200, { message: 'Use at most 200 characters' });

// ─── suppliers ───────────────────────────────────────────────────────────────────────────────────

export const ProductSupplierInput = z.strictObject({
  companyId: Id,
  supplierSku: Text(64),
  /** What this supplier charges per unit; null: the product's purchase price. */
  purchasePriceCents: Cents.nullish(),
  minOrderQty: Quantity.default(1),
  packSize: Quantity.default(1),
  leadTimeDays: z.number().int().min(0).max(365, { message: 'Use at most 365 days' }).default(0),
  preferred: z.boolean().default(false),
});
export type ProductSupplierInput = z.input<typeof ProductSupplierInput>;

export const ProductSupplier = z.object({
  companyId: Id,
  companyName: z.string().nullable(),
  supplierSku: z.string().nullable(),
  purchasePriceCents: z.number().int().nullable(),
  minOrderQty: z.number(),
  packSize: z.number(),
  leadTimeDays: z.number().int(),
  preferred: z.boolean(),
});
export type ProductSupplier = z.infer<typeof ProductSupplier>;

/** PUT /api/products/:id/suppliers: the whole list; exactly one preferred when it is not empty. */
export const ReplaceProductSuppliers = z.strictObject({
  version: Version,
  suppliers: z.array(ProductSupplierInput).max(50),
});
export type ReplaceProductSuppliers = z.input<typeof ReplaceProductSuppliers>;

// ─── products ────────────────────────────────────────────────────────────────────────────────────

export const Product = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  salesPriceCents: z.number().int(),
  purchasePriceCents: z.number().int().nullable(),
  vatRate: z.number().int(),
  kind: ProductKind,
  active: z.boolean(),
  currency: z.literal('EUR'),
  suppliers: z.array(ProductSupplier),
  /** The preferred supplier's company (null without suppliers). */
  preferredSupplierId: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type Product = z.infer<typeof Product>;

export const CreateProduct = z.strictObject({
  sku: Sku,
  name: Name,
  description: Text(4000),
  unit: Unit.default('C62'),
  salesPriceCents: Cents,
  purchasePriceCents: Cents.nullish(),
  vatRate: ProductVatRate.default(19),
  kind: ProductKind.default('stock'),
  active: z.boolean().default(true),
  suppliers: z.array(ProductSupplierInput).max(50).default([]),
});
export type CreateProduct = z.infer<typeof CreateProduct>;
export type CreateProductInput = z.input<typeof CreateProduct>;

export const UpdateProduct = z.strictObject({
  version: Version,
  sku: Sku.optional(),
  name: Name.optional(),
  description: Text(4000),
  unit: Unit.optional(),
  salesPriceCents: Cents.optional(),
  purchasePriceCents: Cents.nullish(),
  vatRate: ProductVatRate.optional(),
  kind: ProductKind.optional(),
  active: z.boolean().optional(),
});
export type UpdateProduct = z.infer<typeof UpdateProduct>;
export type UpdateProductInput = z.input<typeof UpdateProduct>;

export const PRODUCT_SORT_FIELDS = ['name', 'sku', 'salesPrice', 'createdAt', 'updatedAt'] as const;

export const ProductListQuery = ListQuery.extend({
  /** Part of the SKU or name (case does not matter). */
  q: z.string().trim().max(200).optional(),
  kind: ProductKind.optional(),
  /** `true` (default), `false`, or `all`. */
  active: z.enum(['true', 'false', 'all']).default('true'),
  /** Products this supplier (company id) delivers. */
  supplierId: Id.optional(),
  /** name, sku, salesPrice, createdAt, updatedAt; `-` for descending. */
  sort: z.string().max(40).default('name'),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;
export type ProductListFilters = z.input<typeof ProductListQuery>;

/** A row of the products list (no supplier details; the preferred supplier's name). */
export const ProductListItem = Product.omit({ suppliers: true }).extend({
  preferredSupplierName: z.string().nullable(),
  supplierCount: z.number().int(),
});
export type ProductListItem = z.infer<typeof ProductListItem>;
export const ProductList = listResponse(ProductListItem);

// ─── lookup (line editors) ───────────────────────────────────────────────────────────────────────

export const ProductLookupQuery = z.object({
  /** Beginning of the SKU, or part of the SKU or name; empty: the first active products by name. */
  q: z.string().trim().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ProductLookupQuery = z.infer<typeof ProductLookupQuery>;

/** What a deal or invoice line takes from a product. */
export const ProductLookupItem = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  unitPriceCents: z.number().int(),
  vatRate: z.number().int(),
  kind: ProductKind,
});
export type ProductLookupItem = z.infer<typeof ProductLookupItem>;
export const ProductLookupResult = z.object({ items: z.array(ProductLookupItem) });
