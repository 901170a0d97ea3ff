import { type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { paginate, type SortSpec } from '../../platform/db/pagination';
import { companiesVisibleTo, likePattern } from './companies.repository';

export interface ContactsTable {
  id: string;
  company_id: string;
  first_name: string | null;
  last_name: string;
  position: string | null;
  /** JSON [{ address, label }] */
  emails: string;
  primary_email: string | null;
  /** JSON [{ number, label }] */
  phones: string;
  preferred_language: 'de' | 'en';
  email_consent: number;
  consent_at: string | null;
  opt_out: number;
  notes: string | null;
  owner_id: string | null;
  merged_into_id: string | null;
  merged_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ContactEmailsTable {
  contact_id: string;
  address: string;
  domain: string;
  position: number;
}

declare module '../../platform/db/database' {
  interface Database {
    contacts: ContactsTable;
    contact_emails: ContactEmailsTable;
  }
}

export type ContactRow = Selectable<ContactsTable>;
/** A contact row with its company's name (joined). */
export type ContactWithCompany = ContactRow & { company_name: string };

function selectContacts(db: DbOrTx) {
  return db
    .selectFrom('contacts')
    .innerJoin('companies', 'companies.id', 'contacts.company_id')
    .selectAll('contacts')
    .select('companies.name as company_name');
}

export function insertContact(db: DbOrTx, row: ContactRow) {
  return db.insertInto('contacts').values(row).execute();
}

export async function insertContacts(db: DbOrTx, rows: ContactRow[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('contacts')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

export async function insertContactEmails(db: DbOrTx, rows: ContactEmailsTable[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('contact_emails')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function replaceContactEmails(db: DbOrTx, contactId: string, rows: ContactEmailsTable[]) {
  await db.deleteFrom('contact_emails').where('contact_id', '=', contactId).execute();
  await insertContactEmails(db, rows);
}

/** One contact, merged or not, when the actor may see its company (no actor: the system). */
export function findContact(db: DbOrTx, id: string, actor?: Actor): Promise<ContactWithCompany | undefined> {
  let q = selectContacts(db).where('contacts.id', '=', id);
  if (actor) q = q.where(companiesVisibleTo(actor));
  return q.executeTakeFirst();
}

export function findContactsByIds(db: DbOrTx, ids: readonly string[]): Promise<ContactWithCompany[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectContacts(db).where('contacts.id', 'in', ids).execute();
}

/** Ids and names only (lists of other domains show the name): no full rows, no company join. */
export function findContactNamesByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('contacts').select(['id', 'first_name', 'last_name']).where('id', 'in', ids).execute();
}

export async function updateContact(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<ContactsTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('contacts')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Per company, the oldest live contact with an e-mail address who has not opted out (where
 * documents for the company go when nobody named an address: purchase orders to a supplier).
 */
export async function findFirstMailableContacts(
  db: DbOrTx,
  companyIds: readonly string[],
): Promise<Array<{ company_id: string; primary_email: string | null }>> {
  if (companyIds.length === 0) return [];
  const rows = await db
    .selectFrom('contacts')
    .select(['company_id', 'primary_email', 'merged_into_id', 'opt_out', 'created_at', 'id'])
    .where('company_id', 'in', companyIds)
    .execute();
  return rows
    .filter((r) => r.merged_into_id === null && r.primary_email !== null && Number(r.opt_out) === 0)
    .sort((a, b) =>
      a.company_id < b.company_id
        ? -1
        : a.company_id > b.company_id
          ? 1
          : a.created_at < b.created_at
            ? -1
            : a.created_at > b.created_at
              ? 1
              : a.id < b.id
                ? -1
                : 1,
    )
    .map((r) => ({ company_id: r.company_id, primary_email: r.primary_email }));
}

/** Live contacts of a company (to move them on a merge). */
export function listContactsOfCompany(db: DbOrTx, companyId: string) {
  return selectContacts(db)
    .where('contacts.company_id', '=', companyId)
    .where('contacts.merged_into_id', 'is', null)
    .orderBy('contacts.id')
    .execute();
}

/** Moves every contact (live or merged) of one company to another, new version each. */
export function moveContacts(db: DbOrTx, fromCompanyId: string, toCompanyId: string, updatedAt: string) {
  return db
    .updateTable('contacts')
    .set((eb) => ({ company_id: toCompanyId, updated_at: updatedAt, version: eb('version', '+', 1) }))
    .where('company_id', '=', fromCompanyId)
    .execute();
}

export function repointMergedContacts(db: DbOrTx, fromId: string, toId: string) {
  return db
    .updateTable('contacts')
    .set({ merged_into_id: toId })
    .where('merged_into_id', '=', fromId)
    .execute();
}

/** Live contacts having one of the addresses (any position), with their company. */
export function findContactsByEmails(db: DbOrTx, addresses: readonly string[], excludeId?: string) {
  if (addresses.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('contact_emails')
    .innerJoin('contacts', 'contacts.id', 'contact_emails.contact_id')
    .innerJoin('companies', 'companies.id', 'contacts.company_id')
    .select([
      'contacts.id',
      'contacts.first_name',
      'contacts.last_name',
      'contacts.company_id',
      'contacts.owner_id',
      'contact_emails.address',
    ])
    .where('contact_emails.address', 'in', addresses)
    .where('contacts.merged_into_id', 'is', null);
  if (excludeId) q = q.where('contacts.id', '<>', excludeId);
  return q.limit(20).execute();
}

export const CONTACT_SORT_COLUMNS = {
  lastName: 'lastName',
  firstName: 'firstName',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

const SORT_EXPRESSIONS: Record<string, ReturnType<typeof sql>> = {
  lastName: sql`contacts.last_name`,
  firstName: sql`coalesce(contacts.first_name, '')`,
  createdAt: sql`contacts.created_at`,
  updatedAt: sql`contacts.updated_at`,
};

/** Live contacts of companies the actor may see, one keyset page. */
export function listContacts(
  db: DbOrTx,
  actor: Actor,
  filter: { companyId?: string | undefined; q?: string | undefined; ownerId?: string | undefined },
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  const sortKey = SORT_EXPRESSIONS[page.sort.column] ?? SORT_EXPRESSIONS.lastName!;
  let inner = selectContacts(db)
    .select(sortKey.as('sort_key'))
    .where('contacts.merged_into_id', 'is', null)
    .where(companiesVisibleTo(actor));
  if (filter.companyId) inner = inner.where('contacts.company_id', '=', filter.companyId);
  if (filter.ownerId) inner = inner.where('contacts.owner_id', '=', filter.ownerId);
  if (filter.q) {
    const like = likePattern(filter.q);
    inner = inner.where(
      (eb) =>
        sql<SqlBool>`(lower(contacts.last_name) like ${like} escape '\\'
          or lower(contacts.first_name) like ${like} escape '\\'
          or lower(coalesce(contacts.first_name, '') || ' ' || contacts.last_name) like ${like} escape '\\'
          or ${eb.exists(
            eb
              .selectFrom('contact_emails')
              .select('contact_emails.contact_id')
              .whereRef('contact_emails.contact_id', '=', 'contacts.id')
              .where(sql<SqlBool>`contact_emails.address like ${like} escape '\\'`),
          )})`,
    );
  }
  const q = db.selectFrom(inner.as('c')).selectAll();
  return paginate(q, {
    sort: { column: 'c.sort_key', direction: page.sort.direction },
    idColumn: 'c.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (r) => ({ value: r.sort_key, id: r.id }),
  });
}
