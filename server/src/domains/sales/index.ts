import type { Deal, DealDetail } from '../../../../contracts/sales';
import { systemActor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import type { DomainModule } from '../../platform/module';
import { registerTimelineSource } from '../companies';
import { findDeal, listDeals } from './deals.repository';
import { loadDealDetail, withNames } from './deals.service';
import { dealTimelineSource } from './deals.timeline';
import { subscribeMergeRepointing } from './on-company-merged.handler';
import { salesRoutes } from './sales.routes';
import './automation';

export const salesModule: DomainModule = {
  name: 'sales',
  routes(app, ctx) {
    salesRoutes(app, ctx);
    registerTimelineSource(dealTimelineSource);
  },
  subscribers(ctx) {
    subscribeMergeRepointing(ctx);
  },
};

// ─── public read functions for other domains (they act as the system: no visibility limit) ───────

/** A deal with its lines and stage history (e.g. to invoice a won deal), or null. */
export async function getDealDetail(db: DbOrTx, id: string): Promise<DealDetail | null> {
  const row = await findDeal(db, id);
  return row ? loadDealDetail(db, row) : null;
}

/** The deals of a company, newest first (company timeline); at most `limit`. */
export async function listDealsOfCompany(db: DbOrTx, companyId: string, limit = 50): Promise<Deal[]> {
  const page = await listDeals(
    db,
    systemActor('sales.read'),
    { companyId },
    { sort: { column: 'deals.created_at', direction: 'desc' }, limit },
  );
  return withNames(db, page.items);
}

// ─── services for the demo seed and tests (they act as the given actor) ─────────────────────────
export { loseDeal, reopenDeal, winDeal } from './close-deal.service';
export { weightedCents, weightedFromX100 } from './deal-amounts';
/** Titles, companies and owners of deals by id (tasks about deals). */
export { type DealRef, getDealRefs, getDealTitles } from './deal-refs';
// ─── for the CSV import (domains/imports) ────────────────────────────────────────────────────────
export { changeDeal, createDeal, type DealChange, updateDeal } from './deals.service';
export {
  findDealsOfCompaniesForImport,
  type ImportDealMatch,
  type ImportedDeal,
  insertImportedDeals,
} from './import-support';
export {
  getOpenDealDemand,
  type OpenDealDemand,
} from './pipeline-demand.query';
export { createPipeline, listPipelines, loadPipeline, type SalesDeps } from './pipelines.service';
export { seedSales } from './sales.seed';
export { registerWinCheck, type WinCheck, type WinCheckContext } from './win-checks';
