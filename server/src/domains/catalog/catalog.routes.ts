import {
  CreateProduct,
  Product,
  ProductList,
  ProductListQuery,
  ProductLookupQuery,
  ProductLookupResult,
  ReplaceProductSuppliers,
  UpdateProduct,
} from '../../../../contracts/catalog';
import { IdParams, Problem } from '../../../../contracts/common';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import type { SupplierEntry } from './product-suppliers';
import {
  createProduct,
  deactivateProduct,
  getProduct,
  listProducts,
  lookupProducts,
  replaceSuppliers,
  updateProduct,
} from './products.service';

export function catalogRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/products',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Products',
        description:
          '`q` searches SKU and name (any case); `kind` stock|service; `active` true (default), false or all; `supplierId` products that company supplies; `sort` by name, sku, salesPrice, createdAt, updatedAt (prefix `-` for descending).',
        querystring: ProductListQuery,
        response: { 200: ProductList },
      },
    },
    async (request) => {
      requirePermission(request, 'products.read', 'see products');
      return listProducts(ctx, request.query);
    },
  );

  app.get(
    '/api/products/lookup',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Find active products for a deal or invoice line',
        description:
          'Active products whose SKU or name contains `q`; an exact SKU first, then SKUs and names beginning with it. Each with unit, price (`unitPriceCents`, net) and VAT rate — what a line takes from the product.',
        querystring: ProductLookupQuery,
        response: { 200: ProductLookupResult },
      },
    },
    async (request) => {
      requirePermission(request, 'products.read', 'see products');
      return lookupProducts(ctx, request.query);
    },
  );

  app.post(
    '/api/products',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Create a product',
        description:
          'SKUs are unique regardless of case (422 `products.sku_taken`). `suppliers`: companies with the supplier role, no company twice, exactly one preferred (a single supplier is preferred by default) — 422 `products.invalid_suppliers` otherwise. Raises `product.created`.',
        body: CreateProduct,
        response: { 201: Product, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'products.write', 'create products');
      return reply.status(201).send(await createProduct(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/products/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One product with its suppliers',
        params: IdParams,
        response: { 200: Product },
      },
    },
    async (request) => {
      requirePermission(request, 'products.read', 'see products');
      return getProduct(ctx, request.params.id);
    },
  );

  app.patch(
    '/api/products/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Change a product',
        description:
          'Send `version` (409 when someone changed the product meanwhile); `null` clears an optional field; `active: true` reactivates. Raises `product.updated`.',
        params: IdParams,
        body: UpdateProduct,
        response: { 200: Product, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'products.write', 'change products');
      return updateProduct(ctx, actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/products/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Deactivate a product',
        description:
          'Products are never deleted — invoices, deals, stock and purchase orders keep referring to them. The product is deactivated: hidden from lookups and the default list. Idempotent; `PATCH active: true` brings it back.',
        params: IdParams,
        response: { 200: Product },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'products.write', 'deactivate products');
      return deactivateProduct(ctx, actor, request.params.id);
    },
  );

  app.put(
    '/api/products/:id/suppliers',
    {
      schema: {
        tags: ['catalog'],
        summary: "Replace a product's suppliers",
        description:
          "The whole list, with the product's `version` (the product's version goes up). Companies with the supplier role only, no company twice, exactly one preferred when the list is not empty — 422 `products.invalid_suppliers` naming each problem (`suppliers.<i>.<field>`).",
        params: IdParams,
        body: ReplaceProductSuppliers,
        response: { 200: Product, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'products.write', 'change products');
      return replaceSuppliers(ctx, actor, request.params.id, {
        version: request.body.version,
        suppliers: request.body.suppliers as SupplierEntry[],
      });
    },
  );
}
