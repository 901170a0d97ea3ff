import type { DomainModule } from '../../platform/module';
import { importsRoutes } from './imports.routes';
import { importsMaintenanceJob } from './maintenance.job';
import { importTask } from './run-import';

/**
 * CSV import of companies, contacts and deals (docs/adr/0007): upload, map columns, a background
 * task validates all rows and writes the valid ones in one transaction. Owns the `imports` and
 * `import_row_issues` tables; writes companies, contacts and deals only through those domains'
 * bulk functions.
 */
export const importsModule: DomainModule = {
  name: 'imports',
  routes: importsRoutes,
  jobs(ctx) {
    ctx.tasks.register(importTask());
    ctx.jobs.register(importsMaintenanceJob());
  },
};
