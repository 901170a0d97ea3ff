import type { DbOrTx } from '../../platform/db/database';
import { contactName } from './companies.mappers';
import type { CompaniesTable } from './companies.repository';

/** SQL for the companies record types of the automation engine (automation.ts). */

/** A company as rules see it: its row and its segment's name. */
export type CompanyForRules = CompaniesTable & { segment_name: string | null };

/**
 * Companies by id, one query for any number of ids, with only the `columns` asked for (a rule reads
 * a few); the segment is joined only for its name.
 */
export async function findCompaniesForRules(
  db: DbOrTx,
  ids: readonly string[],
  columns: readonly (keyof CompanyForRules)[],
): Promise<Partial<CompanyForRules>[]> {
  if (ids.length === 0) return [];
  const own = columns.filter((c) => c !== 'segment_name').map((c) => `companies.${c}` as const);
  const q = db.selectFrom('companies').where('companies.id', 'in', ids);
  if (columns.includes('segment_name')) {
    return q
      .leftJoin('segments', 'segments.id', 'companies.segment_id')
      .select([...own, 'segments.name as segment_name'] as never[])
      .execute() as Promise<Partial<CompanyForRules>[]>;
  }
  return q.select(own as never[]).execute() as Promise<Partial<CompanyForRules>[]>;
}

/** Whom mail about a record goes to (the automation engine's `MailContact`). */
export interface MailRecipient {
  email: string;
  name: string;
  locale: 'de' | 'en';
}

export async function findRecentCompanyIds(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('companies')
    .select('id')
    .where('merged_into_id', 'is', null)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findRecentContactIds(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('contacts')
    .select('id')
    .where('merged_into_id', 'is', null)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export function findSegmentsForRules(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('segments')
    .select(['id', 'name', 'industry', 'region'])
    .where('id', 'in', ids)
    .execute();
}

const recipientColumns = ['first_name', 'last_name', 'primary_email', 'preferred_language'] as const;

function toRecipient(row: {
  first_name: string | null;
  last_name: string;
  primary_email: string | null;
  preferred_language: 'de' | 'en';
}): MailRecipient | null {
  if (!row.primary_email) return null;
  return { email: row.primary_email, name: contactName(row), locale: row.preferred_language };
}

/** The contact itself, when it has an address and has not opted out of mail. */
export async function contactRecipient(db: DbOrTx, contactId: string): Promise<MailRecipient | null> {
  const row = await db
    .selectFrom('contacts')
    .select(recipientColumns)
    .where('id', '=', contactId)
    .where('opt_out', '=', 0)
    .executeTakeFirst();
  return row ? toRecipient(row) : null;
}

/** A company's first mailable contact (the oldest live one with an address, not opted out). */
export async function companyRecipient(db: DbOrTx, companyId: string): Promise<MailRecipient | null> {
  const row = await db
    .selectFrom('contacts')
    .select(recipientColumns)
    .where('company_id', '=', companyId)
    .where('merged_into_id', 'is', null)
    .where('primary_email', 'is not', null)
    .where('opt_out', '=', 0)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecipient(row) : null;
}

/**
 * Who mail about a record of another domain goes to (a deal): its contact when mailable, else
 * the first mailable contact of its company; null when neither has one.
 */
export async function mailRecipientOf(
  db: DbOrTx,
  ref: { contactId?: string | null; companyId?: string | null },
): Promise<MailRecipient | null> {
  const own = ref.contactId ? await contactRecipient(db, ref.contactId) : null;
  if (own) return own;
  return ref.companyId ? companyRecipient(db, ref.companyId) : null;
}
