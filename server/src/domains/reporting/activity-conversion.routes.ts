import { ActivityConversionQuery, ActivityConversionReport } from '../../../../contracts/sales-reports';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { activityConversionReport } from './activity-conversion.query';

/** How sales activities turn into revenue (issue 3), over the records the caller may see. */
export function activityConversionRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/reports/activity-conversion',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Activity conversion: activities per won deal and revenue won per activity, by person or team',
        description: [
          'For a period `from`–`to` (business dates, inclusive, company time zone; default: this quarter), per person or per team (`groupBy`; a team = its current members), with a total row over everyone once.',
          '**activities**: tasks of an activity type (`isActivity`: call, meeting, e-mail, …) done in the period, by type, counted for their assignee (or who completed an unclaimed team task).',
          '**wonDeals / wonCents**: deals won in the period (by `won_at`), counted for their owner.',
          '**activitiesPerWonDeal** = activities ÷ won deals (2 decimals); **revenuePerActivityCents** = won cents ÷ activities (rounded to the cent); null when the divisor is 0.',
          '**linkedActivities**: activities linked to the won deals (`dealId`) and completed before the deal was won — at any time, also before the period; **linkedActivitiesPerWonDeal** = their number ÷ won deals.',
          '`deals` lists the latest 100 deals won in the period with their linked activities by type.',
          'Visibility as in the funnel: deals by owner/team, activities by assignee/team.',
        ].join(' '),
        querystring: ActivityConversionQuery,
        response: { 200: ActivityConversionReport },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'salesReports.read', 'see sales reports');
      return activityConversionReport(ctx, actor, request.query);
    },
  );
}
