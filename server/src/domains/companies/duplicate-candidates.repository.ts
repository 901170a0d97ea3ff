import type { DbOrTx } from '../../platform/db/database';
import type { CompanyRow } from './companies.repository';

/**
 * The queries of the duplicate check (duplicates.ts): live companies that share a VAT ID, a web or
 * e-mail domain, a name key or the first characters of one with a company being created or edited.
 */

const CANDIDATE_COLUMNS = [
  'companies.id',
  'companies.name',
  'companies.name_key',
  'companies.legal_name_key',
  'companies.owner_id',
  'companies.team_id',
] as const;

export type CandidateRow = Pick<
  CompanyRow,
  'id' | 'name' | 'name_key' | 'legal_name_key' | 'owner_id' | 'team_id'
>;

function liveCompanies(db: DbOrTx, excludeId?: string) {
  let q = db.selectFrom('companies').select(CANDIDATE_COLUMNS).where('companies.merged_into_id', 'is', null);
  if (excludeId) q = q.where('companies.id', '<>', excludeId);
  return q;
}

export function findCompaniesByVatId(db: DbOrTx, vatId: string, excludeId?: string) {
  return liveCompanies(db, excludeId).where('companies.vat_id', '=', vatId).limit(20).execute();
}

export function findCompaniesByWebDomain(db: DbOrTx, domains: readonly string[], excludeId?: string) {
  if (domains.length === 0) return Promise.resolve([]);
  return liveCompanies(db, excludeId).where('companies.web_domain', 'in', domains).limit(20).execute();
}

/** Companies with a live contact whose e-mail address has one of the domains. */
export function findCompaniesByContactEmailDomain(
  db: DbOrTx,
  domains: readonly string[],
  excludeId?: string,
) {
  if (domains.length === 0) return Promise.resolve([]);
  return liveCompanies(db, excludeId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('contacts')
          .innerJoin('contact_emails', 'contact_emails.contact_id', 'contacts.id')
          .select('contacts.id')
          .whereRef('contacts.company_id', '=', 'companies.id')
          .where('contacts.merged_into_id', 'is', null)
          .where('contact_emails.domain', 'in', domains),
      ),
    )
    .limit(20)
    .execute();
}

/** Companies whose name or legal name has exactly this key. */
export function findCompaniesByNameKey(db: DbOrTx, key: string, excludeId?: string) {
  return liveCompanies(db, excludeId)
    .where((eb) => eb.or([eb('companies.name_key', '=', key), eb('companies.legal_name_key', '=', key)]))
    .limit(20)
    .execute();
}

/**
 * Candidates for a similar name: keys starting with the same two characters (an indexed bucket), at
 * most `limit` of them; the similarity itself is computed in the service.
 */
export function findCompaniesByNamePrefix(db: DbOrTx, prefix: string, limit: number, excludeId?: string) {
  return liveCompanies(db, excludeId).where('companies.name_prefix', '=', prefix).limit(limit).execute();
}
