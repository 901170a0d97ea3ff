import type { z } from 'zod';
import type { ListResponse } from '../../../../contracts/common';
import {
  type Company,
  type CompanyListQuery,
  type CreateCompany,
  type DuplicateCandidate,
  type DuplicateCheckQuery,
  normalizeVatId,
  normalizeWebsite,
  type UpdateCompany,
  vatIdError,
} from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { publish } from '../../platform/events/publish';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getUserSummary, listTeamIdsOfUser } from '../identity';
import { indexCompanies } from '../search';
import type { CompaniesDeps } from './access';
import { bankDetailsErrors } from './bank-details';
import { changedFields, isImport } from './change-events';
import { companyAuditSnapshot, roleColumns, toCompany, userNames } from './companies.mappers';
import {
  COMPANY_SORT_COLUMNS,
  type CompaniesTable,
  type CompanyRow,
  findCompany,
  insertCompany,
  insertCompanyTags,
  listCompanies as listCompanyRows,
  replaceCompanyTags,
  updateCompany as updateCompanyRow,
} from './companies.repository';
import { companyEmailDomains, duplicatesError, findCompanyDuplicates } from './duplicates';
import { companyNameKey } from './name-similarity';
import { findSegmentById } from './segments.repository';

/** A company as the actor may see it (merged ones too: their page redirects), else 404. */
export async function loadCompany(db: DbOrTx, id: string, actor?: Actor): Promise<Company> {
  const row = await findCompany(db, id, actor);
  if (!row) throw notFound('company', id);
  return toCompany(row, await userNames(db, [row.owner_id]));
}

export function getCompany(deps: CompaniesDeps, actor: Actor, id: string): Promise<Company> {
  return loadCompany(deps.db, id, actor);
}

export async function listCompanies(
  deps: CompaniesDeps,
  actor: Actor,
  query: CompanyListQuery,
): Promise<ListResponse<Company>> {
  const page = await listCompanyRows(
    deps.db,
    actor,
    {
      q: query.q,
      qKey: query.q ? companyNameKey(query.q) : undefined,
      role: query.role,
      segmentId: query.segmentId,
      ownerId: query.ownerId,
      teamId: query.teamId,
      tag: query.tag,
      country: query.country,
    },
    { sort: parseSort(query.sort, COMPANY_SORT_COLUMNS), limit: query.limit, cursor: query.cursor },
  );
  const names = await userNames(
    deps.db,
    page.items.map((r) => r.owner_id),
  );
  return { items: page.items.map((r) => toCompany(r, names)), nextCursor: page.nextCursor };
}

const unprocessable = (code: string, path: string, message: string) =>
  new AppError('unprocessable', code, message, [{ path, message }]);

function checkBankDetails(iban: string | null | undefined, bic: string | null | undefined) {
  const errors = bankDetailsErrors(iban, bic);
  if (errors.length) {
    throw new AppError(
      'bad_request',
      'companies.invalid_bank_details',
      `The bank details are not valid — ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
}

async function checkSegment(db: DbOrTx, segmentId: string | null | undefined) {
  if (segmentId && !(await findSegmentById(db, segmentId))) {
    throw unprocessable('companies.unknown_segment', 'segmentId', `Segment ${segmentId} does not exist`);
  }
}

async function checkOwner(db: DbOrTx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const owner = await getUserSummary(db, ownerId);
  if (!owner) throw unprocessable('companies.unknown_owner', 'ownerId', `User ${ownerId} does not exist`);
  if (!owner.active) {
    throw unprocessable(
      'companies.owner_inactive',
      'ownerId',
      `${owner.name} is deactivated and cannot own companies`,
    );
  }
}

/** The team a new company is assigned to by default: the owner's team, when they are in exactly one. */
async function defaultTeamOf(db: DbOrTx, ownerId: string | null): Promise<string | null> {
  if (!ownerId) return null;
  const teams = await listTeamIdsOfUser(db, ownerId);
  return teams.length === 1 ? teams[0]! : null;
}

const webDomainOf = (website: string | null | undefined) =>
  website ? (normalizeWebsite(website)?.domain ?? null) : null;

/**
 * The row of a new company, from already validated input (the API's create, the demo seed, imports).
 * `ownerId` undefined → the actor; `teamId` undefined → the owner's only team.
 */
export function newCompanyRow(
  input: CreateCompany,
  ctx: { id?: string; now: string; ownerId: string | null; teamId: string | null },
): CompanyRow {
  const nameKey = companyNameKey(input.name);
  return {
    id: ctx.id ?? uuidv7(),
    name: input.name,
    name_key: nameKey,
    name_prefix: nameKey.slice(0, 2),
    legal_name: input.legalName ?? null,
    legal_name_key: input.legalName ? companyNameKey(input.legalName) : null,
    ...roleColumns(input.roles),
    street: input.street ?? null,
    postal_code: input.postalCode ?? null,
    city: input.city ?? null,
    country: input.country,
    industry: input.industry ?? null,
    segment_id: input.segmentId ?? null,
    employees: input.employees ?? null,
    revenue_band: input.revenueBand ?? null,
    website: input.website ?? null,
    web_domain: webDomainOf(input.website),
    vat_id: input.vatId ?? null,
    iban: input.iban ?? null,
    bic: input.bic ?? null,
    payment_terms_days: input.paymentTermsDays,
    owner_id: ctx.ownerId,
    team_id: ctx.teamId,
    tags: JSON.stringify(input.tags),
    notes: input.notes ?? null,
    merged_into_id: null,
    merged_at: null,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
}

/** Companies that look like the probe (for live checks in forms). */
export function checkCompanyDuplicates(
  deps: CompaniesDeps,
  actor: Actor,
  query: z.infer<typeof DuplicateCheckQuery>,
): Promise<DuplicateCandidate[]> {
  const vat = query.vatId ? normalizeVatId(query.vatId) : null;
  return findCompanyDuplicates(deps.db, actor, {
    name: query.name,
    vatId: vat && !vatIdError(vat) ? vat : null,
    webDomain: webDomainOf(query.website),
    emailDomains: query.email ? companyEmailDomains([query.email.toLowerCase()]) : [],
    excludeId: query.excludeId,
  });
}

/**
 * Creates a company (raises `company.created`). Unless `allowDuplicate`, a company that looks like an
 * existing one (VAT ID, web domain, similar name) is refused with 409 and the candidates.
 */
export async function createCompany(
  deps: CompaniesDeps,
  actor: Actor,
  input: CreateCompany,
  opts: { allowDuplicate?: boolean } = {},
): Promise<Company> {
  checkBankDetails(input.iban, input.bic);
  await checkSegment(deps.db, input.segmentId);
  const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
  await checkOwner(deps.db, ownerId);
  if (!opts.allowDuplicate) {
    const duplicates = await findCompanyDuplicates(deps.db, actor, {
      name: input.name,
      legalName: input.legalName,
      vatId: input.vatId,
      webDomain: webDomainOf(input.website),
    });
    if (duplicates.length) throw duplicatesError('companies', duplicates);
  }
  const teamId = input.teamId === undefined ? await defaultTeamOf(deps.db, ownerId) : input.teamId;
  const row = newCompanyRow(input, { now: deps.clock.now().toISOString(), ownerId, teamId });
  const company = toCompany({ ...row, segment_name: null }, new Map());
  return deps.db.transaction().execute(async (trx) => {
    await insertCompany(trx, row);
    await insertCompanyTags(
      trx,
      input.tags.map((tag) => ({ company_id: row.id, tag })),
    );
    await indexCompanies(trx, [row.id]);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'company',
      entityId: row.id,
      before: null,
      after: companyAuditSnapshot(company),
    });
    await publish(trx, deps.clock, actor, 'company.created', {
      companyId: row.id,
      name: row.name,
      roles: company.roles,
    });
    return loadCompany(trx, row.id);
  });
}

export const mergedAway = (entity: 'company' | 'contact', id: string, into: string) =>
  new AppError(
    'conflict',
    `${entity === 'company' ? 'companies' : 'contacts'}.merged`,
    `${entity === 'company' ? 'Company' : 'Contact'} ${id} was merged into ${into}; change that one instead`,
  );

/** Changes a company (optimistic on `version`); null clears a field. */
export async function updateCompany(
  deps: CompaniesDeps,
  actor: Actor,
  id: string,
  input: UpdateCompany,
): Promise<Company> {
  return deps.db.transaction().execute((trx) => applyCompanyUpdate(trx, deps, actor, id, input));
}

/** updateCompany in the caller's transaction (imports update many companies in one). */
export async function applyCompanyUpdate(
  trx: Tx,
  deps: Pick<CompaniesDeps, 'clock'>,
  actor: Actor,
  id: string,
  input: UpdateCompany,
): Promise<Company> {
  const before = await loadCompany(trx, id, actor);
  if (before.mergedIntoId) throw mergedAway('company', id, before.mergedIntoId);
  if (before.version !== input.version) throw staleVersion('company', id);
  checkBankDetails(input.iban, input.bic);
  if (input.segmentId !== undefined) await checkSegment(trx, input.segmentId);
  if (input.ownerId !== undefined) await checkOwner(trx, input.ownerId);

  const patch: Partial<CompaniesTable> = { updated_at: deps.clock.now().toISOString() };
  const set = <K extends keyof CompaniesTable>(column: K, value: CompaniesTable[K] | undefined) => {
    if (value !== undefined) patch[column] = value;
  };
  if (input.name !== undefined) {
    const key = companyNameKey(input.name);
    Object.assign(patch, { name: input.name, name_key: key, name_prefix: key.slice(0, 2) });
  }
  if (input.legalName !== undefined) {
    patch.legal_name = input.legalName ?? null;
    patch.legal_name_key = input.legalName ? companyNameKey(input.legalName) : null;
  }
  if (input.roles !== undefined) Object.assign(patch, roleColumns(input.roles));
  if (input.website !== undefined) {
    patch.website = input.website ?? null;
    patch.web_domain = webDomainOf(input.website);
  }
  if (input.tags !== undefined) patch.tags = JSON.stringify(input.tags);
  set('street', input.street === undefined ? undefined : (input.street ?? null));
  set('postal_code', input.postalCode === undefined ? undefined : (input.postalCode ?? null));
  set('city', input.city === undefined ? undefined : (input.city ?? null));
  set('country', input.country);
  set('industry', input.industry === undefined ? undefined : (input.industry ?? null));
  set('segment_id', input.segmentId === undefined ? undefined : (input.segmentId ?? null));
  set('employees', input.employees === undefined ? undefined : (input.employees ?? null));
  set('revenue_band', input.revenueBand === undefined ? undefined : (input.revenueBand ?? null));
  set('vat_id', input.vatId === undefined ? undefined : (input.vatId ?? null));
  set('iban', input.iban === undefined ? undefined : (input.iban ?? null));
  set('bic', input.bic === undefined ? undefined : (input.bic ?? null));
  set('payment_terms_days', input.paymentTermsDays);
  set('owner_id', input.ownerId === undefined ? undefined : (input.ownerId ?? null));
  set('team_id', input.teamId === undefined ? undefined : (input.teamId ?? null));
  set('notes', input.notes === undefined ? undefined : (input.notes ?? null));

  if (!(await updateCompanyRow(trx, id, input.version, patch))) throw staleVersion('company', id);
  if (input.tags !== undefined) await replaceCompanyTags(trx, id, input.tags);
  await indexCompanies(trx, [id]);
  const after = await loadCompany(trx, id);
  const beforeSnapshot = companyAuditSnapshot(before);
  const afterSnapshot = companyAuditSnapshot(after);
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'company',
    entityId: id,
    before: beforeSnapshot,
    after: afterSnapshot,
  });
  // an import raises one `import.completed` for the whole file instead of an event per row
  const changed = isImport(actor) ? [] : changedFields(beforeSnapshot, afterSnapshot);
  if (changed.length) await publish(trx, deps.clock, actor, 'company.updated', { companyId: id, changed });
  return after;
}
