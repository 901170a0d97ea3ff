import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { getCompanyNames, getCompanySummary, getContactSummary } from '../companies';

/**
 * What sales needs to know of the companies domain, read through its public functions only:
 * whether a company / contact exists (and was not merged away), whose contact it is, and names.
 */
export interface CompanyRef {
  id: string;
  name: string;
  mergedIntoId: string | null;
}

export interface ContactRef {
  id: string;
  companyId: string;
  mergedIntoId: string | null;
}

/** The company, if it exists and the actor may see it. */
export async function findCompanyRef(db: DbOrTx, id: string, actor: Actor): Promise<CompanyRef | null> {
  const c = await getCompanySummary(db, id, actor);
  return c ? { id: c.id, name: c.name, mergedIntoId: c.mergedIntoId } : null;
}

export async function findContactRef(db: DbOrTx, id: string): Promise<ContactRef | null> {
  const c = await getContactSummary(db, id);
  return c ? { id: c.id, companyId: c.companyId, mergedIntoId: c.mergedIntoId } : null;
}

/** Company names by id (ids that do not exist are missing). */
export async function companyNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  return getCompanyNames(db, ids);
}
