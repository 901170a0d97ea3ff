import type { DbOrTx } from '../../platform/db/database';
import { beforePosition, type TimelinePosition } from './timeline.registry';

/**
 * The timeline's own sources. The change history is read from the platform's audit trail, limited
 * to this domain's records (entity type `company`).
 */

export function notesPage(db: DbOrTx, companyId: string, before: TimelinePosition | null, limit: number) {
  return db
    .selectFrom('company_notes')
    .selectAll()
    .where('company_id', '=', companyId)
    .where(beforePosition('note', 'company_notes.created_at', 'company_notes.id', before))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function companyChangesPage(
  db: DbOrTx,
  companyId: string,
  before: TimelinePosition | null,
  limit: number,
) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', 'company')
    .where('entity_id', '=', companyId)
    .where(beforePosition('change', 'audit_log.at', 'audit_log.id', before))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Contacts of the company (live ones), by when they were created. */
export function contactsCreatedPage(
  db: DbOrTx,
  companyId: string,
  before: TimelinePosition | null,
  limit: number,
) {
  return db
    .selectFrom('contacts')
    .select(['id', 'first_name', 'last_name', 'owner_id', 'created_at'])
    .where('company_id', '=', companyId)
    .where('merged_into_id', 'is', null)
    .where(beforePosition('contact', 'contacts.created_at', 'contacts.id', before))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Duplicates merged into the company, by when they were merged. */
export function mergedCompaniesPage(
  db: DbOrTx,
  companyId: string,
  before: TimelinePosition | null,
  limit: number,
) {
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'merged_at'])
    .where('merged_into_id', '=', companyId)
    .where('merged_at', 'is not', null)
    .where(beforePosition('merge', 'companies.merged_at', 'companies.id', before))
    .orderBy('merged_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
