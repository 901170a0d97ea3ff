import type { Invoice } from '../../../../contracts/billing';
import type { DunningNotice } from '../../../../contracts/dunning';
import type { DbOrTx } from '../../platform/db/database';
import type { DomainModule } from '../../platform/module';
import { registerTimelineSource } from '../companies';
import './billing.tables';
import './dunning.tables';
import { bankStatementsRoutes } from './bank-statements.routes';
import { documentsRoutes } from './documents.routes';
import { dueSweepJob } from './due-sweep.job';
import { toDunningNotice } from './dunning.mappers';
import { findNotice } from './dunning.repository';
import { dunningRoutes } from './dunning.routes';
import { findInvoice } from './invoices.repository';
import { invoicesRoutes } from './invoices.routes';
import { invoiceOf } from './invoices.service';
import { invoiceTimelineSource } from './invoices.timeline';
import { subscribeInvoiceWonDeal } from './on-deal-won.handler';
import './automation';

/**
 * Billing: seller settings, invoices and credit notes with gapless numbers, their documents
 * (PDF with GiroCode, XRechnung, ZUGFeRD), payments, bank statements (CAMT.053) matched to open invoices,
 * the daily due sweep with dunning levels and letters.
 */
export const billingModule: DomainModule = {
  name: 'billing',
  routes(app, ctx) {
    invoicesRoutes(app, ctx);
    documentsRoutes(app, ctx);
    bankStatementsRoutes(app, ctx);
    dunningRoutes(app, ctx);
    registerTimelineSource(invoiceTimelineSource);
  },
  subscribers(ctx) {
    subscribeInvoiceWonDeal(ctx);
  },
  jobs(ctx) {
    ctx.jobs.register(dueSweepJob());
  },
};

// ─── public read functions (they act as the system: no visibility limit) ─────────────────────────

/** An invoice or credit note with its lines and VAT breakdown, or null; `today` (a business date) decides `overdue`. */
export async function loadInvoice(db: DbOrTx, id: string, today: string): Promise<Invoice | null> {
  const row = await findInvoice(db, id);
  return row ? invoiceOf(db, row, today) : null;
}

/** A dunning notice as the API shows it (for the collection task's texts), or null. */
export async function loadDunningNotice(db: DbOrTx, id: string): Promise<DunningNotice | null> {
  const row = await findNotice(db, id);
  if (!row) return null;
  const invoice = await findInvoice(db, row.invoice_id);
  return toDunningNotice(row, invoice?.number ?? null);
}

export { seedBilling } from './billing.seed';
export { DUE_SWEEP_JOB } from './due-sweep.job';
export { loadDunningSettings } from './dunning.service';
export { isOverdue, toInvoice } from './invoices.mappers';
export {
  findInvoice,
  findLinesOfInvoice,
  getInvoiceNumbers,
  getInvoiceStates,
  type InvoiceLineRow,
  type InvoiceRow,
} from './invoices.repository';
export { getBillingSettings } from './settings.repository';
export { type BillingDeps, missingSellerData } from './settings.service';
