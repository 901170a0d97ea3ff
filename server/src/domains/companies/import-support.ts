import type { Actor } from '../../platform/actor';
import { auditEntryRow, recordAudits } from '../../platform/audit/audit';
import { insertRows } from '../../platform/db/bulk-insert';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { companySearchDocument, contactSearchDocument, indexDocuments } from '../search';
import { companyAuditSnapshot, contactAuditSnapshot, toCompany, toContact } from './companies.mappers';
import { type CompanyRow, companiesVisibleTo } from './companies.repository';
import type { ContactRow } from './contacts.repository';
import { emailRows } from './contacts.service';
import { segmentNameKey } from './segments.repository';

/*
 * What the CSV import (domains/imports) needs of companies and contacts beyond the single-record
 * services: lookups for many rows at once (duplicates by exact keys, companies by name for linking)
 * and bulk writes — multi-row inserts with one audit entry per record and the search index rows,
 * all in the caller's transaction. Events: the import raises one `import.completed` instead of a
 * `company.created` per row (no subscriber needs the single ones today).
 */

/*
 * The lookups below filter merged records in the application, not with `merged_into_id is null`
 * in SQL: without table statistics SQLite prefers the index on merged_into_id for that condition
 * and reads every live row instead of the few an indexed key finds.
 */

/** Live companies having one of the VAT IDs, web domains or name keys (name or legal name). */
export async function findCompaniesByImportKeys(
  db: DbOrTx,
  keys: { vatIds: readonly string[]; webDomains: readonly string[]; nameKeys: readonly string[] },
): Promise<CompanyRow[]> {
  const found = new Map<string, CompanyRow>();
  const run = async (
    column: 'vat_id' | 'web_domain' | 'name_key' | 'legal_name_key',
    values: readonly string[],
  ) => {
    for (let i = 0; i < values.length; i += 500) {
      const rows = await db
        .selectFrom('companies')
        .selectAll()
        .where(column, 'in', values.slice(i, i + 500))
        .execute();
      for (const r of rows) if (r.merged_into_id === null) found.set(r.id, r);
    }
  };
  await run('vat_id', keys.vatIds);
  await run('web_domain', keys.webDomains);
  await run('name_key', keys.nameKeys);
  await run('legal_name_key', keys.nameKeys);
  return [...found.values()];
}

/** Companies by id (merged ones too), with whether the actor may see them. */
export async function findCompaniesForImport(
  db: DbOrTx,
  actor: Actor,
  by: { ids?: readonly string[]; nameKeys?: readonly string[] },
): Promise<Array<CompanyRow & { visible: boolean }>> {
  const out = new Map<string, CompanyRow & { visible: boolean }>();
  const select = async (
    column: 'id' | 'name_key',
    values: readonly string[] | undefined,
    liveOnly: boolean,
  ) => {
    for (let i = 0; values && i < values.length; i += 500) {
      const rows = await db
        .selectFrom('companies')
        .selectAll()
        .select((eb) => eb.case().when(companiesVisibleTo(actor)(eb)).then(1).else(0).end().as('is_visible'))
        .where(column, 'in', values.slice(i, i + 500))
        .execute();
      for (const { is_visible, ...row } of rows) {
        if (liveOnly && row.merged_into_id !== null) continue;
        out.set(row.id, { ...row, visible: Number(is_visible) === 1 });
      }
    }
  };
  await select('id', by.ids, false);
  await select('name_key', by.nameKeys, true);
  return [...out.values()];
}

/** Ids of segments by name (compared like segment names are: trimmed, case-insensitive). */
export async function findSegmentIdsByNames(
  db: DbOrTx,
  names: readonly string[],
): Promise<Map<string, string>> {
  const keys = [...new Set(names.map(segmentNameKey))];
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('segments')
      .select(['id', 'name_key'])
      .where('name_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.name_key, r.id);
  }
  return out;
}

export { segmentNameKey };

/** Live contacts having one of the e-mail addresses (lower case), with the address that matched. */
export async function findContactsByImportEmails(
  db: DbOrTx,
  addresses: readonly string[],
): Promise<Array<ContactRow & { address: string }>> {
  const out: Array<ContactRow & { address: string }> = [];
  for (let i = 0; i < addresses.length; i += 500) {
    const matches = await db
      .selectFrom('contact_emails')
      .select(['contact_id', 'address'])
      .where('address', 'in', addresses.slice(i, i + 500))
      .execute();
    if (!matches.length) continue;
    const contacts = new Map(
      (
        await db
          .selectFrom('contacts')
          .selectAll()
          .where('id', 'in', [...new Set(matches.map((m) => m.contact_id))])
          .execute()
      ).map((c) => [c.id, c]),
    );
    for (const m of matches) {
      const contact = contacts.get(m.contact_id);
      if (contact && contact.merged_into_id === null) out.push({ ...contact, address: m.address });
    }
  }
  return out;
}

/**
 * New companies (rows from newCompanyRow), with their tags, one audit entry each (`create`, by the
 * actor) and their search documents, in multi-row statements.
 */
export async function insertImportedCompanies(
  trx: Tx,
  at: string,
  actor: Actor,
  rows: readonly CompanyRow[],
) {
  if (rows.length === 0) return;
  await insertRows(trx, 'companies', rows);
  await insertRows(
    trx,
    'company_tags',
    rows.flatMap((r) => (JSON.parse(r.tags) as string[]).map((tag) => ({ company_id: r.id, tag }))),
  );
  const none = new Map<string, string>();
  await recordAudits(
    trx,
    rows.map((r) =>
      auditEntryRow(at, actor, {
        entityType: 'company',
        entityId: r.id,
        before: null,
        after: companyAuditSnapshot(toCompany({ ...r, segment_name: null }, none)),
      }),
    ),
  );
  await indexDocuments(trx, rows.map(companySearchDocument));
}

/** The company a new contact belongs to (its name for the contact's audit label and search). */
export interface ContactCompany {
  id: string;
  name: string;
  owner_id: string | null;
  team_id: string | null;
}

/** New contacts (rows from newContactRow) with their e-mail rows, audit entries and search documents. */
export async function insertImportedContacts(
  trx: Tx,
  at: string,
  actor: Actor,
  items: ReadonlyArray<{ row: ContactRow; company: ContactCompany }>,
) {
  if (items.length === 0) return;
  await insertRows(
    trx,
    'contacts',
    items.map((i) => i.row),
  );
  await insertRows(
    trx,
    'contact_emails',
    items.flatMap((i) => emailRows(i.row.id, JSON.parse(i.row.emails) as Array<{ address: string }>)),
  );
  const none = new Map<string, string>();
  await recordAudits(
    trx,
    items.map((i) =>
      auditEntryRow(at, actor, {
        entityType: 'contact',
        entityId: i.row.id,
        before: null,
        after: contactAuditSnapshot(toContact({ ...i.row, company_name: i.company.name }, none)),
      }),
    ),
  );
  await indexDocuments(
    trx,
    items.map((i) => contactSearchDocument(i.row, i.company)),
  );
}
