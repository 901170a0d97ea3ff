import type { DomainModule } from '../../platform/module';
import { searchRoutes } from './search.routes';
import { ensureSearchIndex } from './search-indexing';

/**
 * Global search over companies, contacts and deals (docs/adr/0006). A read model like reporting:
 * it reads those domains' tables to build documents; the index itself (`search_documents`, FTS5 /
 * tsvector) is platform/search. Records are indexed in the transaction that writes them: the
 * companies and sales services call the `index…` functions below.
 */
export const searchModule: DomainModule = {
  name: 'search',
  async routes(app, ctx) {
    // A database from before the index (or filled without it) is indexed once, on start.
    const built = await ensureSearchIndex(ctx.db);
    if (built) ctx.log.info(built, 'search index built');
    searchRoutes(app, ctx);
  },
};

export { indexDocuments, type SearchDocument } from '../../platform/search/search-index';
// ─── for imports: documents from freshly built rows, then platform/search indexDocuments ────────
export {
  type CompanyOfRecord,
  type CompanySearchSource,
  type ContactSearchSource,
  companySearchDocument,
  contactSearchDocument,
  type DealSearchSource,
  dealSearchDocument,
} from './search-documents';
// ─── keeping the index current (called by the writing domains, in their transactions) ───────────
export {
  indexCompanies,
  indexCompanyMerge,
  indexContactMerge,
  indexContacts,
  indexDeals,
  type RebuildResult,
  rebuildSearchIndex,
} from './search-indexing';
