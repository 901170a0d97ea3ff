import type { Db, DbOrTx } from '../../platform/db/database';
import {
  clearSearchIndex,
  indexDocuments,
  isSearchIndexEmpty,
  lockSearchIndex,
  moveSearchChildren,
  removeSearchDocuments,
  updateSearchParent,
} from '../../platform/search/search-index';
import { companySearchDocument, contactSearchDocument, dealSearchDocument } from './search-documents';
import {
  companiesByIds,
  companiesPage,
  contactsByIds,
  contactsPage,
  dealsByIds,
  dealsPage,
  hasCompanies,
} from './search-sources.query';

/**
 * Keeping the index current, in the transaction of the change: the companies and sales services
 * call these with the ids they just wrote. Each reads the records back (one query per call) and
 * replaces their documents; records merged away or gone leave the index.
 */

/** Ids per read (SQL parameter lists stay short). */
const BATCH = 500;

async function inBatches(ids: readonly string[], fn: (batch: string[]) => Promise<void>) {
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH) await fn(unique.slice(i, i + BATCH));
}

/**
 * (Re)indexes companies; a company's contacts and deals take its new name, and its contacts its
 * owner and team (they are visible to whom the company is).
 */
export function indexCompanies(db: DbOrTx, ids: readonly string[]): Promise<void> {
  return inBatches(ids, async (batch) => {
    const rows = await companiesByIds(db, batch);
    const live = rows.filter((r) => !r.merged_into_id);
    const liveIds = new Set(live.map((r) => r.id));
    await removeSearchDocuments(
      db,
      'company',
      batch.filter((id) => !liveIds.has(id)),
    );
    await indexDocuments(db, live.map(companySearchDocument));
    for (const c of live) {
      await updateSearchParent(db, { id: c.id, name: c.name, ownerId: c.owner_id, teamId: c.team_id });
    }
  });
}

export function indexContacts(db: DbOrTx, ids: readonly string[]): Promise<void> {
  return inBatches(ids, async (batch) => {
    const rows = await contactsByIds(db, batch);
    const live = rows.filter((r) => !r.merged_into_id);
    const liveIds = new Set(live.map((r) => r.id));
    await removeSearchDocuments(
      db,
      'contact',
      batch.filter((id) => !liveIds.has(id)),
    );
    await indexDocuments(
      db,
      live.map((r) =>
        contactSearchDocument(r, {
          id: r.company_id,
          name: r.company_name,
          owner_id: r.company_owner_id,
          team_id: r.company_team_id,
        }),
      ),
    );
  });
}

export function indexDeals(db: DbOrTx, ids: readonly string[]): Promise<void> {
  return inBatches(ids, async (batch) => {
    const rows = await dealsByIds(db, batch);
    const found = new Set(rows.map((r) => r.id));
    await removeSearchDocuments(
      db,
      'deal',
      batch.filter((id) => !found.has(id)),
    );
    await indexDocuments(
      db,
      rows.map((r) => dealSearchDocument(r, { id: r.company_id, name: r.company_name })),
    );
  });
}

/**
 * Company `sourceId` was merged into `targetId` (in this transaction): the source leaves the index,
 * its contacts and deals are found under the target's name (and its contacts with its visibility),
 * the target's document takes the fields it got from the source.
 */
export async function indexCompanyMerge(db: DbOrTx, sourceId: string, targetId: string): Promise<void> {
  const [target] = await companiesByIds(db, [targetId]);
  if (target) {
    await moveSearchChildren(db, sourceId, {
      id: target.id,
      name: target.name,
      ownerId: target.owner_id,
      teamId: target.team_id,
    });
  }
  await indexCompanies(db, [targetId, sourceId]);
}

/** Contact `sourceId` was merged into `targetId`: the source leaves, the target has its addresses and numbers. */
export function indexContactMerge(db: DbOrTx, sourceId: string, targetId: string): Promise<void> {
  return indexContacts(db, [targetId, sourceId]);
}

export interface RebuildResult {
  companies: number;
  contacts: number;
  deals: number;
}

const PAGE = 2000;

async function indexAll<R extends { id: string }>(
  db: DbOrTx,
  page: (db: DbOrTx, afterId: string, limit: number) => Promise<R[]>,
  toDocs: (rows: R[]) => Parameters<typeof indexDocuments>[1],
): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const rows = await page(db, after, PAGE);
    if (rows.length === 0) return count;
    await indexDocuments(db, toDocs(rows));
    count += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Builds the whole index anew from the companies, contacts and deals, in one transaction (searches
 * meanwhile see the old index). `onlyIfEmpty`: leave an index that has documents alone (decided
 * under the lock, so processes starting together build it once). Returns null when it did nothing.
 */
export async function rebuildSearchIndex(
  db: Db,
  opts: { onlyIfEmpty?: boolean } = {},
): Promise<RebuildResult | null> {
  return db.transaction().execute(async (trx) => {
    await lockSearchIndex(trx);
    if (opts.onlyIfEmpty && !(await isSearchIndexEmpty(trx))) return null;
    await clearSearchIndex(trx);
    const companies = await indexAll(trx, companiesPage, (rows) => rows.map(companySearchDocument));
    const contacts = await indexAll(trx, contactsPage, (rows) =>
      rows.map((r) =>
        contactSearchDocument(r, {
          id: r.company_id,
          name: r.company_name,
          owner_id: r.company_owner_id,
          team_id: r.company_team_id,
        }),
      ),
    );
    const deals = await indexAll(trx, dealsPage, (rows) =>
      rows.map((r) => dealSearchDocument(r, { id: r.company_id, name: r.company_name })),
    );
    return { companies, contacts, deals };
  });
}

/**
 * On start: a database whose records predate the index (or were written without it) gets them
 * indexed. Cheap when the index has documents or there are no companies (two one-row reads).
 */
export async function ensureSearchIndex(db: Db): Promise<RebuildResult | null> {
  if (!(await isSearchIndexEmpty(db)) || !(await hasCompanies(db))) return null;
  return rebuildSearchIndex(db, { onlyIfEmpty: true });
}
