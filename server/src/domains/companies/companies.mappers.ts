import type {
  Company,
  CompanyNote,
  CompanyRole,
  Contact,
  RevenueBand,
  Segment,
} from '../../../../contracts/companies';
import { COMPANY_ROLES } from '../../../../contracts/companies';
import { type DbOrTx, toBool } from '../../platform/db/database';
import { getUserSummaries } from '../identity';
import { type CompanyNoteRow, type CompanyWithSegment, ROLE_COLUMNS } from './companies.repository';
import type { ContactWithCompany } from './contacts.repository';
import type { SegmentRow } from './segments.repository';

/** User id → name, for the owner names shown with companies and contacts. */
export type UserNames = Map<string, string>;

export async function userNames(db: DbOrTx, ids: ReadonlyArray<string | null>): Promise<UserNames> {
  const summaries = await getUserSummaries(
    db,
    ids.filter((id): id is string => id !== null),
  );
  return new Map([...summaries].map(([id, u]) => [id, u.name]));
}

export function rolesOf(row: Pick<CompanyWithSegment, (typeof ROLE_COLUMNS)[CompanyRole]>): CompanyRole[] {
  return COMPANY_ROLES.filter((r) => toBool(row[ROLE_COLUMNS[r]]));
}

export function roleColumns(roles: readonly CompanyRole[]) {
  return {
    role_customer: roles.includes('customer') ? 1 : 0,
    role_prospect: roles.includes('prospect') ? 1 : 0,
    role_supplier: roles.includes('supplier') ? 1 : 0,
    role_partner: roles.includes('partner') ? 1 : 0,
  };
}

export function toCompany(row: CompanyWithSegment, names: UserNames): Company {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legal_name,
    roles: rolesOf(row),
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    industry: row.industry,
    segmentId: row.segment_id,
    segmentName: row.segment_name,
    employees: row.employees,
    revenueBand: row.revenue_band as RevenueBand | null,
    website: row.website,
    webDomain: row.web_domain,
    vatId: row.vat_id,
    iban: row.iban,
    bic: row.bic,
    paymentTermsDays: row.payment_terms_days,
    ownerId: row.owner_id,
    ownerName: row.owner_id ? (names.get(row.owner_id) ?? null) : null,
    teamId: row.team_id,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes,
    mergedIntoId: row.merged_into_id,
    mergedAt: row.merged_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** A company as the audit trail records it: what people edit (no derived or display-only fields). */
export function companyAuditSnapshot(c: Company): Record<string, unknown> {
  const { ownerName: _o, segmentName: _s, webDomain: _w, createdAt: _c, ...rest } = c;
  return rest;
}

export function toContact(row: ContactWithCompany, names: UserNames): Contact {
  const emails = JSON.parse(row.emails) as Contact['emails'];
  const optOut = toBool(row.opt_out);
  const emailConsent = toBool(row.email_consent);
  const isMailable = emails.length > 0 && !optOut;
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    firstName: row.first_name,
    lastName: row.last_name,
    name: contactName(row),
    position: row.position,
    emails,
    primaryEmail: emails[0]?.address ?? null,
    phones: JSON.parse(row.phones) as Contact['phones'],
    preferredLanguage: row.preferred_language,
    emailConsent,
    consentAt: row.consent_at,
    optOut,
    isMailable,
    marketingAllowed: isMailable && emailConsent,
    notes: row.notes,
    ownerId: row.owner_id,
    ownerName: row.owner_id ? (names.get(row.owner_id) ?? null) : null,
    mergedIntoId: row.merged_into_id,
    mergedAt: row.merged_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function contactName(row: { first_name: string | null; last_name: string }): string {
  return row.first_name ? `${row.first_name} ${row.last_name}` : row.last_name;
}

export function contactAuditSnapshot(c: Contact): Record<string, unknown> {
  const {
    companyName: _c,
    name: _n,
    primaryEmail: _p,
    isMailable: _i,
    marketingAllowed: _m,
    ownerName: _o,
    createdAt: _cr,
    ...rest
  } = c;
  return rest;
}

export function toSegment(row: SegmentRow): Segment {
  return {
    id: row.id,
    name: row.name,
    industry: row.industry,
    region: row.region,
    sizeClass: row.size_class,
    marketCompanies: row.market_companies === null ? null : Number(row.market_companies),
    potentialRevenueCents: row.potential_revenue_cents === null ? null : Number(row.potential_revenue_cents),
    currency: 'EUR',
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function segmentAuditSnapshot(s: Segment): Record<string, unknown> {
  const { createdAt: _c, ...rest } = s;
  return rest;
}

export function toCompanyNote(row: CompanyNoteRow): CompanyNote {
  return {
    id: row.id,
    companyId: row.company_id,
    body: row.body,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
  };
}
