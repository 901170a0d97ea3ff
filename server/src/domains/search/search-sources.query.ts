import type { DbOrTx } from '../../platform/db/database';

/**
 * The rows search documents are made of, read with SQL straight from the companies and sales
 * tables: search is a read model like reporting (docs/adr/0006). A change of these columns in
 * their domain changes this file in the same commit (the search tests fail otherwise).
 */

const COMPANY_COLUMNS = [
  'companies.id',
  'companies.name',
  'companies.legal_name',
  'companies.city',
  'companies.website',
  'companies.vat_id',
  'companies.tags',
  'companies.owner_id',
  'companies.team_id',
  'companies.merged_into_id',
] as const;

export function companiesByIds(db: DbOrTx, ids: readonly string[]) {
  return db.selectFrom('companies').select(COMPANY_COLUMNS).where('companies.id', 'in', ids).execute();
}

/** Live companies after `afterId` in id order (a rebuild's pages). */
export function companiesPage(db: DbOrTx, afterId: string, limit: number) {
  return db
    .selectFrom('companies')
    .select(COMPANY_COLUMNS)
    .where('companies.merged_into_id', 'is', null)
    .where('companies.id', '>', afterId)
    .orderBy('companies.id')
    .limit(limit)
    .execute();
}

function selectContacts(db: DbOrTx) {
  return db
    .selectFrom('contacts')
    .innerJoin('companies', 'companies.id', 'contacts.company_id')
    .select([
      'contacts.id',
      'contacts.first_name',
      'contacts.last_name',
      'contacts.position',
      'contacts.emails',
      'contacts.phones',
      'contacts.merged_into_id',
      'contacts.company_id',
      'companies.name as company_name',
      'companies.owner_id as company_owner_id',
      'companies.team_id as company_team_id',
    ]);
}

export function contactsByIds(db: DbOrTx, ids: readonly string[]) {
  return selectContacts(db).where('contacts.id', 'in', ids).execute();
}

export function contactsPage(db: DbOrTx, afterId: string, limit: number) {
  return selectContacts(db)
    .where('contacts.merged_into_id', 'is', null)
    .where('contacts.id', '>', afterId)
    .orderBy('contacts.id')
    .limit(limit)
    .execute();
}

/**
 * Deals with their company; a company merged away stands for the one it was merged into (its
 * deals are re-pointed by an event handler a moment later).
 */
function selectDeals(db: DbOrTx) {
  return db
    .selectFrom('deals')
    .innerJoin('companies', 'companies.id', 'deals.company_id')
    .leftJoin('companies as survivor', 'survivor.id', 'companies.merged_into_id')
    .select((eb) => [
      'deals.id',
      'deals.title',
      'deals.owner_id',
      'deals.team_id',
      eb.fn.coalesce('survivor.id', 'companies.id').as('company_id'),
      eb.fn.coalesce('survivor.name', 'companies.name').as('company_name'),
    ]);
}

export function dealsByIds(db: DbOrTx, ids: readonly string[]) {
  return selectDeals(db).where('deals.id', 'in', ids).execute();
}

export function dealsPage(db: DbOrTx, afterId: string, limit: number) {
  return selectDeals(db).where('deals.id', '>', afterId).orderBy('deals.id').limit(limit).execute();
}

/** Whether there is anything to index (an empty database needs no rebuild). */
export async function hasCompanies(db: DbOrTx): Promise<boolean> {
  return !!(await db.selectFrom('companies').select('id').limit(1).executeTakeFirst());
}
