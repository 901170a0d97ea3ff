import { automationModule } from './domains/automation';
import { billingModule } from './domains/billing';
import { catalogModule } from './domains/catalog';
import { companiesModule } from './domains/companies';
import { identityModule } from './domains/identity';
import { importsModule } from './domains/imports';
import { inventoryModule } from './domains/inventory';
import { purchasingModule } from './domains/purchasing';
import { reportingModule } from './domains/reporting';
import { salesModule } from './domains/sales';
import { searchModule } from './domains/search';
import { workModule } from './domains/work';
import type { AppContext } from './platform/context';
import type { DomainModule } from './platform/module';

/** Every domain of the application, in one explicit list (routes, subscribers, jobs). */
export const MODULES: DomainModule[] = [
  identityModule,
  companiesModule,
  salesModule,
  reportingModule,
  searchModule,
  importsModule,
  workModule,
  billingModule,
  catalogModule,
  inventoryModule,
  purchasingModule,
  automationModule,
];

/** Registers all domains' event subscribers and scheduled jobs on the context. */
export function registerDomains(ctx: AppContext): void {
  for (const m of MODULES) {
    m.subscribers?.(ctx);
    m.jobs?.(ctx);
  }
}
