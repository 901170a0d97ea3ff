import {
  AgingQuery,
  AgingReport,
  CashFlowQuery,
  CashFlowReport,
  DsoQuery,
  DsoReport,
} from '../../../../contracts/receivables';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { agingReport, cashFlowReport, dsoReport } from './receivables.query';

const VISIBILITY =
  'Over the invoices you may see, as in the invoice list (managers their teams’, accounting and admins all). Amounts in cents (EUR).';

/** Receivables reports (issue 5): AR aging, DSO, invoiced vs collected per month. */
export function receivablesRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/reports/receivables/aging',
    {
      schema: {
        tags: ['reports'],
        summary: 'Accounts-receivable aging: open invoices by days past due, in total and per customer',
        description: [
          'Open receivables = issued invoices with an open amount (drafts, paid and cancelled invoices and credit notes are not).',
          'Buckets by days past due = `asOf` − due date: not due (≤ 0, due today counts as not due), 1–30, 31–60, 61–90, > 90.',
          '`asOf` (default today, company time zone) only moves the day the days are counted to; the open amounts are always today’s, so a day before today is refused (422).',
          'Customers sorted by open total (largest first); the first `limit` are listed, the rest summed in `others`.',
          VISIBILITY,
        ].join(' '),
        querystring: AgingQuery,
        response: { 200: AgingReport },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'reports.receivables', 'see the receivables reports');
      return agingReport(ctx, actor, request.query);
    },
  );

  app.get(
    '/api/reports/receivables/dso',
    {
      schema: {
        tags: ['reports'],
        summary: 'Days sales outstanding (DSO) per month end and now',
        description: [
          'DSO as of a day D = receivables open at the end of D ÷ net invoiced (invoices − credit notes, gross, by issue date) in the 90 days D − 89 … D × 90, one decimal; null when nothing was invoiced in those days.',
          'Receivables open at the end of D = invoices issued until D, less payments dated until D and invoices cancelled by a credit note until D.',
          'One point per month (D = its last day; for the current month today), `months` of them (default 12), the current one also as `current`.',
          VISIBILITY,
        ].join(' '),
        querystring: DsoQuery,
        response: { 200: DsoReport },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'reports.receivables', 'see the receivables reports');
      return dsoReport(ctx, actor, request.query);
    },
  );

  app.get(
    '/api/reports/receivables/cash-flow',
    {
      schema: {
        tags: ['reports'],
        summary: 'Invoiced vs collected per month, with the receivables open at each month end',
        description: [
          'Per month `from` … `to` (`YYYY-MM`, inclusive; default the last 12 months up to this one; at most 60): invoiced = gross of invoices issued in the month (also those paid or cancelled since), credited = gross of credit notes issued in it, net = invoiced − credited, collected = payments allocated to invoices with a payment date in the month (one payment split over two invoices counts with both parts), open = receivables open at the end of the month.',
          VISIBILITY,
        ].join(' '),
        querystring: CashFlowQuery,
        response: { 200: CashFlowReport },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'reports.receivables', 'see the receivables reports');
      return cashFlowReport(ctx, actor, request.query);
    },
  );
}
