import type { CompanyRole } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { type DbOrTx, toBool } from '../../platform/db/database';
import type { DomainModule } from '../../platform/module';
import { contactName, rolesOf } from './companies.mappers';
import {
  type CompanyWithSegment,
  filterVisibleCompanyIds,
  findCompaniesByIds,
  findCompany,
  findCompanyIdsByIban,
  findCompanyNamesByIds,
  listVisibleCompanyIds,
} from './companies.repository';
import { companiesRoutes } from './companies.routes';
import {
  findContact,
  findContactNamesByIds,
  findContactsByIds,
  findFirstMailableContacts,
} from './contacts.repository';
import { segmentsRoutes } from './segments.routes';
import './automation';

export const companiesModule: DomainModule = {
  name: 'companies',
  routes(app, ctx) {
    companiesRoutes(app, ctx);
    segmentsRoutes(app, ctx);
  },
};

// ─── public read functions for other domains ──────────────────────────────────────────────────────

/** What other domains show of a company (deal, invoice, purchase order). */
export interface CompanySummary {
  id: string;
  name: string;
  legalName: string | null;
  roles: CompanyRole[];
  country: string;
  segmentId: string | null;
  ownerId: string | null;
  teamId: string | null;
  vatId: string | null;
  iban: string | null;
  bic: string | null;
  paymentTermsDays: number;
  /** Set when the company was merged into another: use that one. */
  mergedIntoId: string | null;
}

function toSummary(row: CompanyWithSegment): CompanySummary {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legal_name,
    roles: rolesOf(row),
    country: row.country,
    segmentId: row.segment_id,
    ownerId: row.owner_id,
    teamId: row.team_id,
    vatId: row.vat_id,
    iban: row.iban,
    bic: row.bic,
    paymentTermsDays: row.payment_terms_days,
    mergedIntoId: row.merged_into_id,
  };
}

/** A company (merged ones too); with an actor, only when the actor may see it. */
export async function getCompanySummary(
  db: DbOrTx,
  id: string,
  actor?: Actor,
): Promise<CompanySummary | null> {
  const row = await findCompany(db, id, actor);
  return row ? toSummary(row) : null;
}

/** Several companies at once, keyed by id (ids that do not exist are missing from the map). */
export async function getCompanySummaries(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, CompanySummary>> {
  const rows = await findCompaniesByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, toSummary(r)]));
}

/** Company names by id (merged companies too; ids that do not exist are missing). */
export async function getCompanyNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await findCompanyNamesByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether the actor may see the company: a deal or invoice of it is visible to them too. */
export async function canSeeCompany(db: DbOrTx, actor: Actor, id: string): Promise<boolean> {
  return (await filterVisibleCompanyIds(db, actor, [id])).has(id);
}

/** Ids of the live companies the actor may see (for filters of other domains' lists). */
export function listCompanyIdsVisibleTo(db: DbOrTx, actor: Actor): Promise<string[]> {
  return listVisibleCompanyIds(db, actor);
}

/** The surviving company of a (possibly merged) id: follows `mergedIntoId`. */
export async function resolveCompanyId(db: DbOrTx, id: string): Promise<string | null> {
  const row = await findCompany(db, id);
  if (!row) return null;
  return row.merged_into_id ?? row.id;
}

/** Live companies with this IBAN (bank statement matching). `iban` upper case without spaces. */
export async function findCompaniesByIban(db: DbOrTx, iban: string): Promise<CompanySummary[]> {
  const ids = await findCompanyIdsByIban(db, iban.replace(/\s+/g, '').toUpperCase());
  return [
    ...(
      await getCompanySummaries(
        db,
        ids.map((r) => r.id),
      )
    ).values(),
  ];
}

/** What other domains show of a contact, and whether it may be mailed. */
export interface ContactSummary {
  id: string;
  companyId: string;
  name: string;
  primaryEmail: string | null;
  preferredLanguage: 'de' | 'en';
  /** Has an address and has not opted out: check before sending any mail. */
  isMailable: boolean;
  /** Mailable and consented to marketing mail. */
  marketingAllowed: boolean;
  mergedIntoId: string | null;
}

function toContactSummary(row: Awaited<ReturnType<typeof findContact>> & object): ContactSummary {
  const isMailable = row.primary_email !== null && !toBool(row.opt_out);
  return {
    id: row.id,
    companyId: row.company_id,
    name: contactName(row),
    primaryEmail: row.primary_email,
    preferredLanguage: row.preferred_language,
    isMailable,
    marketingAllowed: isMailable && toBool(row.email_consent),
    mergedIntoId: row.merged_into_id,
  };
}

export async function getContactSummary(
  db: DbOrTx,
  id: string,
  actor?: Actor,
): Promise<ContactSummary | null> {
  const row = await findContact(db, id, actor);
  return row ? toContactSummary(row) : null;
}

export async function getContactSummaries(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, ContactSummary>> {
  const rows = await findContactsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, toContactSummary(r)]));
}

/** Per company, the e-mail address of its first mailable contact (companies without one are missing). */
export async function getCompanyMailAddresses(
  db: DbOrTx,
  companyIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await findFirstMailableContacts(db, [...new Set(companyIds)]);
  const out = new Map<string, string>();
  for (const r of rows) if (r.primary_email && !out.has(r.company_id)) out.set(r.company_id, r.primary_email);
  return out;
}

/** Contact names by id, for lists (merged contacts too; ids that do not exist are missing). */
export async function getContactNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await findContactNamesByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, contactName(r)]));
}

export type { CompaniesDeps } from './access';
/** Whom mail about a deal goes to (automation's `contact` recipient): its contact, else its company's. */
export { type MailRecipient, mailRecipientOf } from './automation.repository';
// ─── for the CSV import (domains/imports): rows, duplicate checks and bulk writes ─────────────────
export { bankDetailsErrors } from './bank-details';
export type { CompanyRow } from './companies.repository';
export { seedCompanies } from './companies.seed';
export { applyCompanyUpdate, createCompany, loadCompany, newCompanyRow } from './companies.service';
export type { ContactRow } from './contacts.repository';
export { applyContactUpdate, createContact, loadContact, newContactRow } from './contacts.service';
export { findCompanyDuplicates } from './duplicates';
export {
  type ContactCompany,
  findCompaniesByImportKeys,
  findCompaniesForImport,
  findContactsByImportEmails,
  findSegmentIdsByNames,
  insertImportedCompanies,
  insertImportedContacts,
  segmentNameKey,
} from './import-support';
export { companyNameKey, emailDomain, FREEMAIL_DOMAINS, foldText } from './name-similarity';
export { createSegment } from './segments.service';
// ─── extension points and services for the seed and the CLI ───────────────────────────────────────
export {
  beforePosition,
  entryId,
  registerTimelineSource,
  type TimelineLoadArgs,
  type TimelinePosition,
  type TimelineSource,
} from './timeline.registry';
