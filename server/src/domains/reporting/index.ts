import type { DomainModule } from '../../platform/module';
import { activityConversionRoutes } from './activity-conversion.routes';
import { receivablesRoutes } from './receivables.routes';
import { reportingRoutes } from './reporting.routes';
import { salesReportRoutes } from './sales-reports.routes';
import { stockReportRoutes } from './stock-report.routes';
import { workloadRoutes } from './workload.routes';

/**
 * Reporting: read-only queries over other domains' tables (the read model, docs/adr/0003). It owns
 * no tables and raises no events.
 */
export const reportingModule: DomainModule = {
  name: 'reporting',
  routes(app, ctx) {
    reportingRoutes(app, ctx);
    salesReportRoutes(app, ctx);
    activityConversionRoutes(app, ctx);
    workloadRoutes(app, ctx);
    receivablesRoutes(app, ctx);
    stockReportRoutes(app, ctx);
  },
};

export {
  type GoalForProgress,
  type GoalProgressDeps,
  goalProgress,
  pacing,
} from './goal-progress.query';
export { marketCoverageReport } from './market-coverage.query';
