import {
  ForecastQuery,
  ForecastReport,
  FunnelQuery,
  FunnelReport,
} from '../../../../contracts/sales-reports';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { forecastReport } from './forecast.query';
import { funnelReport } from './funnel.query';

/** Funnel and forecast, over the deals the caller may see. */
export function salesReportRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/reports/funnel',
    {
      schema: {
        tags: ['reports'],
        summary: 'Sales funnel of a pipeline: entries, conversion, days in stage, win rate, sales cycle',
        description:
          'From the stage history. Per stage: deals that entered it (once per deal, valued at entry), how many went on to a later stage (`advanced`) and the conversion rate, average days of completed stays. `basis=created` follows the deals created from `from` to `to` (inclusive, company time zone); `basis=entered` counts stage entries and closings in the period.',
        querystring: FunnelQuery,
        response: { 200: FunnelReport },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'salesReports.read', 'see sales reports');
      return funnelReport(ctx, actor, request.query);
    },
  );

  app.get(
    '/api/reports/forecast',
    {
      schema: {
        tags: ['reports'],
        summary: 'Weighted forecast of the open deals by expected close month, owner and team',
        description:
          'Buckets: `overdue` (expected before today), this month and the next 11 (`YYYY-MM`), `later`. Weighted = amount × stage probability.',
        querystring: ForecastQuery,
        response: { 200: ForecastReport },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'salesReports.read', 'see sales reports');
      return forecastReport(ctx, actor, request.query);
    },
  );
}
