import type { DomainModule } from '../../platform/module';
import './billing.tables';
import { documentsRoutes } from './documents.routes';
import { invoicesRoutes } from './invoices.routes';

/**
 * Billing: seller settings, invoices and credit notes with gapless numbers, their documents
 * (PDF with GiroCode, XRechnung, ZUGFeRD), payments. Bank statements and dunning follow.
 */
export const billingModule: DomainModule = {
  name: 'billing',
  routes(app, ctx) {
    invoicesRoutes(app, ctx);
    documentsRoutes(app, ctx);
  },
  subscribers(_ctx) {},
};
