import { MarketCoverageQuery, MarketCoverageReport } from '../../../../contracts/companies';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { marketCoverageReport } from './market-coverage.query';

/** Read-only reports (docs/adr/0003). */
export function reportingRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/reports/market-coverage',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Market coverage per segment: companies known, prospects, customers, penetration, pipeline, won revenue',
        description:
          'Over the companies you can see (merged duplicates not counted). Penetration = customers ÷ companies in the market; share of potential = won revenue ÷ potential annual revenue (ratios 0…1, 4 decimals; null without market figures). `from`/`to` limit the won revenue to deals won in that period (compare a 12-month period with the annual potential).',
        querystring: MarketCoverageQuery,
        response: { 200: MarketCoverageReport },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'reports.marketCoverage', 'see the market coverage report');
      return marketCoverageReport(ctx, actor, request.query);
    },
  );
}
