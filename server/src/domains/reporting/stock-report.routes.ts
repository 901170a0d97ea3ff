import {
  PipelinePurchases,
  PipelinePurchasesQuery,
  StockReport,
  StockReportQuery,
} from '../../../../contracts/stock-report';
import type { AppContext } from '../../platform/context';
import { actorOf, hasPermission, requirePermission } from '../../platform/http/auth';
import { forbidden } from '../../platform/http/errors';
import type { App } from '../../platform/http/types';
import { pipelinePurchases } from './pipeline-purchases.query';
import { stockReport } from './stock-report.query';

/** The managers' view of stock and purchasing (issue 6, item 6). */
export function stockReportRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/reports/stock',
    {
      schema: {
        tags: ['reports'],
        summary: 'Stock value, products below their reorder point and open purchase orders of a warehouse',
        description: [
          'For one warehouse (`warehouseId`, default: the default warehouse). Quantities are decimals in the product’s unit, money cents (EUR).',
          'Stock value of a product = round(on hand × unit cost), unit cost = the preferred supplier’s purchase price, else the product’s, else 0 (counted in `unpricedCount`); no or negative stock is worth 0. `top`: the 10 products worth most.',
          'Below reorder point: active stock-tracked products whose projected stock (on hand − reserved + on order) is below the reorder point set for the warehouse; shortfall = reorder point − projected; `orders` names the draft and open purchase orders with a line still to receive for the product.',
          'Open purchase orders: approved, sent or partially received; open value = Σ lines round((ordered − received) × unit price); overdue = expected date before today (company time zone). Per supplier (all) and listed by expected date (the first `ordersLimit`).',
        ].join(' '),
        querystring: StockReportQuery,
        response: { 200: StockReport },
      },
    },
    async (request) => {
      requirePermission(request, 'reports.stock', 'see the stock report');
      return stockReport(ctx, request.query);
    },
  );

  app.get(
    '/api/reports/pipeline-purchases',
    {
      schema: {
        tags: ['reports'],
        summary: 'What the open deals will need to buy: expected demand per product against stock and orders',
        description: [
          'Open deals expected to close by today + `horizonDays` (default 30; deals past their expected date count too), their lines of stock-tracked products.',
          'Expected demand = Σ quantity × the stage’s probability (each line rounded to thousandths); available = on hand − reserved (won deals are reserved already); to buy = max(0, demand − (available + on order)), valued at the unit cost of the stock report.',
          'Demand counts every open deal; the deals behind it are listed as far as you may see them, the others summed in `otherDeals`. Products most to buy first. Needs `reports.stock` or `reports.workload`.',
        ].join(' '),
        querystring: PipelinePurchasesQuery,
        response: { 200: PipelinePurchases },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!(hasPermission(request, 'reports.stock') || hasPermission(request, 'reports.workload'))) {
        throw forbidden('see the purchases the pipeline will need');
      }
      return pipelinePurchases(ctx, actor, request.query);
    },
  );
}
