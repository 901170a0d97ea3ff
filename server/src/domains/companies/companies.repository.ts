import { type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { CompanyRole } from '../../../../contracts/companies';
import { type Actor, scopeOf } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { paginate, type SortSpec } from '../../platform/db/pagination';
import { preparedQuery } from '../../platform/db/prepared-query';
import { visibleTo } from '../../platform/db/visibility';

export interface CompaniesTable {
  id: string;
  name: string;
  name_key: string;
  name_prefix: string;
  legal_name: string | null;
  legal_name_key: string | null;
  role_customer: number;
  role_prospect: number;
  role_supplier: number;
  role_partner: number;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  industry: string | null;
  segment_id: string | null;
  employees: number | null;
  revenue_band: string | null;
  website: string | null;
  web_domain: string | null;
  vat_id: string | null;
  iban: string | null;
  bic: string | null;
  payment_terms_days: number;
  owner_id: string | null;
  team_id: string | null;
  /** JSON string array */
  tags: string;
  notes: string | null;
  merged_into_id: string | null;
  merged_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CompanyTagsTable {
  company_id: string;
  tag: string;
}

export interface CompanyNotesTable {
  id: string;
  company_id: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  created_at: string;
}

declare module '../../platform/db/database' {
  interface Database {
    companies: CompaniesTable;
    company_tags: CompanyTagsTable;
    company_notes: CompanyNotesTable;
  }
}

export type CompanyRow = Selectable<CompaniesTable>;
/** A company row with its segment's name (joined). */
export type CompanyWithSegment = CompanyRow & { segment_name: string | null };
export type CompanyNoteRow = Selectable<CompanyNotesTable>;

export const ROLE_COLUMNS = {
  customer: 'role_customer',
  prospect: 'role_prospect',
  supplier: 'role_supplier',
  partner: 'role_partner',
} as const satisfies Record<CompanyRole, keyof CompaniesTable>;

/** `%term%` for LIKE, with the wildcard characters of the term escaped (used with `escape '\'`). */
export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Companies the actor may see: own (sales), their teams' (managers) or all. */
export function companiesVisibleTo(actor: Actor) {
  return visibleTo(actor, { ownerColumn: 'companies.owner_id', teamColumn: 'companies.team_id' });
}

function selectCompanies(db: DbOrTx) {
  return db
    .selectFrom('companies')
    .leftJoin('segments', 'segments.id', 'companies.segment_id')
    .selectAll('companies')
    .select('segments.name as segment_name');
}

// ─── single records ───────────────────────────────────────────────────────────────────────────────

export function insertCompany(db: DbOrTx, row: CompanyRow) {
  return db.insertInto('companies').values(row).execute();
}

/** Many companies in multi-row inserts (the demo seed and imports). */
export async function insertCompanies(db: DbOrTx, rows: CompanyRow[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('companies')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

/** One company, merged or not, when the actor may see it (no actor: the system, sees all). */
const companyById = preparedQuery((db, p: { id: string }) =>
  selectCompanies(db).where('companies.id', '=', p.id),
);

/**
 * A company with its segment's name, if the actor (when given) may see it. For one who sees all
 * (rules' actions check a company per task they make) the query is compiled once.
 */
export async function findCompany(
  db: DbOrTx,
  id: string,
  actor?: Actor,
): Promise<CompanyWithSegment | undefined> {
  if (!actor || scopeOf(actor) === 'all') return (await companyById(db, { id }))[0];
  return selectCompanies(db)
    .where('companies.id', '=', id)
    .where(companiesVisibleTo(actor))
    .executeTakeFirst();
}

export function findCompaniesByIds(db: DbOrTx, ids: readonly string[]): Promise<CompanyWithSegment[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectCompanies(db).where('companies.id', 'in', ids).execute();
}

/** Ids and names only (lists of other domains show the name): no full rows, no segment join. */
export function findCompanyNamesByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('companies').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Optimistic update: false when the version did not match. */
export async function updateCompany(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<CompaniesTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('companies')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records merged into `fromId` now point to `toId` (links redirect in one step). */
export function repointMergedCompanies(db: DbOrTx, fromId: string, toId: string) {
  return db
    .updateTable('companies')
    .set({ merged_into_id: toId })
    .where('merged_into_id', '=', fromId)
    .execute();
}

export function listCompaniesMergedInto(db: DbOrTx, id: string) {
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'merged_at', 'updated_at'])
    .where('merged_into_id', '=', id)
    .execute();
}

export async function replaceCompanyTags(db: DbOrTx, companyId: string, tags: readonly string[]) {
  await db.deleteFrom('company_tags').where('company_id', '=', companyId).execute();
  await insertCompanyTags(
    db,
    tags.map((tag) => ({ company_id: companyId, tag })),
  );
}

export async function insertCompanyTags(db: DbOrTx, rows: CompanyTagsTable[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('company_tags')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function countCompaniesInSegment(db: DbOrTx, segmentId: string): Promise<number> {
  const row = await db
    .selectFrom('companies')
    .select(db.fn.countAll().as('n'))
    .where('segment_id', '=', segmentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countCompanies(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('companies').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findCompanyIdsByIban(db: DbOrTx, iban: string) {
  return db
    .selectFrom('companies')
    .select('id')
    .where('iban', '=', iban)
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .execute();
}

/** Ids of the live (not merged) companies the actor may see; for other domains' filters. */
export async function listVisibleCompanyIds(db: DbOrTx, actor: Actor): Promise<string[]> {
  const rows = await db
    .selectFrom('companies')
    .select('id')
    .where('merged_into_id', 'is', null)
    .where(companiesVisibleTo(actor))
    .execute();
  return rows.map((r) => r.id);
}

// ─── lists ────────────────────────────────────────────────────────────────────────────────────────

/** Sort fields → SQL expressions (nullable columns sort as '' / -1, so cursors never hold null). */
export const COMPANY_SORT_COLUMNS = {
  name: 'name',
  city: 'city',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  employees: 'employees',
};

const SORT_EXPRESSIONS: Record<string, ReturnType<typeof sql>> = {
  name: sql`companies.name`,
  city: sql`coalesce(companies.city, '')`,
  createdAt: sql`companies.created_at`,
  updatedAt: sql`companies.updated_at`,
  employees: sql`coalesce(companies.employees, -1)`,
};

export interface CompanyFilter {
  q?: string | undefined;
  /** The search term as a name key (umlauts spelled out), matched against the stored key. */
  qKey?: string | undefined;
  role?: CompanyRole | undefined;
  segmentId?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  tag?: string | undefined;
  country?: string | undefined;
}

/** Live companies (merged duplicates hidden) the actor may see, filtered, one keyset page. */
export function listCompanies(
  db: DbOrTx,
  actor: Actor,
  filter: CompanyFilter,
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  const sortKey = SORT_EXPRESSIONS[page.sort.column] ?? SORT_EXPRESSIONS.name!;
  let inner = selectCompanies(db)
    .select(sortKey.as('sort_key'))
    .where('companies.merged_into_id', 'is', null)
    .where(companiesVisibleTo(actor));
  if (filter.q) {
    const like = likePattern(filter.q);
    const keyLike = likePattern(filter.qKey || filter.q);
    inner = inner.where(
      sql<SqlBool>`(lower(companies.name) like ${like} escape '\\'
        or companies.name_key like ${keyLike} escape '\\'
        or lower(companies.legal_name) like ${like} escape '\\'
        or lower(companies.city) like ${like} escape '\\'
        or companies.website like ${like} escape '\\')`,
    );
  }
  if (filter.role) inner = inner.where(`companies.${ROLE_COLUMNS[filter.role]}`, '=', 1);
  if (filter.segmentId) inner = inner.where('companies.segment_id', '=', filter.segmentId);
  if (filter.ownerId) inner = inner.where('companies.owner_id', '=', filter.ownerId);
  if (filter.teamId) inner = inner.where('companies.team_id', '=', filter.teamId);
  if (filter.country) inner = inner.where('companies.country', '=', filter.country);
  if (filter.tag) {
    const tag = filter.tag;
    inner = inner.where((eb) =>
      eb.exists(
        eb
          .selectFrom('company_tags')
          .select('company_tags.company_id')
          .whereRef('company_tags.company_id', '=', 'companies.id')
          .where('company_tags.tag', '=', tag),
      ),
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

/** Which of the ids the actor may see. */
export async function filterVisibleCompanyIds(db: DbOrTx, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('companies')
    .select('id')
    .where('id', 'in', ids)
    .where(companiesVisibleTo(actor))
    .execute();
  return new Set(rows.map((r) => r.id));
}

// ─── notes ────────────────────────────────────────────────────────────────────────────────────────

export function insertCompanyNote(db: DbOrTx, row: CompanyNoteRow) {
  return db.insertInto('company_notes').values(row).execute();
}

export function moveCompanyNotes(db: DbOrTx, fromCompanyId: string, toCompanyId: string) {
  return db
    .updateTable('company_notes')
    .set({ company_id: toCompanyId })
    .where('company_id', '=', fromCompanyId)
    .execute();
}
