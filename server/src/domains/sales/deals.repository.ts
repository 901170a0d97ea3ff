import {
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import type { DealSource, DealStatus } from '../../../../contracts/sales';
import type { Actor } from '../../platform/actor';
import type { Database, DbOrTx } from '../../platform/db/database';
import { paginate, type SortSpec } from '../../platform/db/pagination';
import { visibleTo } from '../../platform/db/visibility';

export interface DealsTable {
  id: string;
  title: string;
  company_id: string;
  contact_id: string | null;
  owner_id: string;
  team_id: string | null;
  source: DealSource;
  expected_close_date: string;
  currency: string;
  pipeline_id: string;
  stage_id: string;
  status: DealStatus;
  amount_cents: number;
  has_lines: number;
  stage_entered_at: string;
  won_at: string | null;
  lost_at: string | null;
  closed_at: string | null;
  lost_reason: string | null;
  lost_reason_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DealLinesTable {
  id: string;
  deal_id: string;
  position: number;
  product_id: string | null;
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  discount_bp: number;
  vat_rate: number;
  net_cents: number;
}

export interface DealStageHistoryTable {
  id: string;
  deal_id: string;
  pipeline_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  changed_by: string | null;
  changed_at: string;
  amount_cents: number;
  deal_created_at: string;
  first_entry: number;
  advanced: number;
  left_at: string | null;
  stay_seconds: number | null;
}

declare module '../../platform/db/database' {
  interface Database {
    deals: DealsTable;
    deal_lines: DealLinesTable;
    deal_stage_history: DealStageHistoryTable;
  }
}

export type DealRowBase = Selectable<DealsTable>;
/** A deal with its stage's name, probability, kind and position. */
export type DealRow = DealRowBase & {
  stage_name: string;
  probability: number;
  stage_kind: DealStatus;
  stage_position: number;
};
export type DealLineRow = Selectable<DealLinesTable>;
export type StageHistoryRow = Selectable<DealStageHistoryTable>;

/** Deals the actor may see: their own, their teams', or all (by role). */
export function dealsVisibleTo(actor: Actor) {
  return visibleTo(actor, { ownerColumn: 'deals.owner_id', teamColumn: 'deals.team_id' });
}

function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function selectDeals(db: DbOrTx) {
  return db
    .selectFrom('deals')
    .innerJoin('pipeline_stages', 'pipeline_stages.id', 'deals.stage_id')
    .selectAll('deals')
    .select([
      'pipeline_stages.name as stage_name',
      'pipeline_stages.probability',
      'pipeline_stages.kind as stage_kind',
      'pipeline_stages.position as stage_position',
    ]);
}

// ─── deals ────────────────────────────────────────────────────────────────────────────────────────

export function insertDeal(db: DbOrTx, row: DealRowBase) {
  return db.insertInto('deals').values(row).execute();
}

/** One deal, if the actor may see it (no actor: the system, sees all). */
export function findDeal(db: DbOrTx, id: string, actor?: Actor): Promise<DealRow | undefined> {
  let q = selectDeals(db).where('deals.id', '=', id);
  if (actor) q = q.where(dealsVisibleTo(actor));
  return q.executeTakeFirst();
}

export async function updateDeal(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<DealsTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('deals')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface DealFilter {
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  status?: DealStatus | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  companyId?: string | undefined;
  contactId?: string | undefined;
  q?: string | undefined;
  expectedCloseFrom?: string | undefined;
  expectedCloseTo?: string | undefined;
}

export const DEAL_SORT_COLUMNS = {
  title: 'deals.title',
  amount: 'deals.amount_cents',
  expectedCloseDate: 'deals.expected_close_date',
  createdAt: 'deals.created_at',
  updatedAt: 'deals.updated_at',
};
const DEAL_SORT_FIELDS: Record<string, keyof DealRowBase> = {
  'deals.title': 'title',
  'deals.amount_cents': 'amount_cents',
  'deals.expected_close_date': 'expected_close_date',
  'deals.created_at': 'created_at',
  'deals.updated_at': 'updated_at',
};

export function listDeals(
  db: DbOrTx,
  actor: Actor,
  filter: DealFilter,
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  let q = selectDeals(db).where(dealsVisibleTo(actor));
  if (filter.pipelineId) q = q.where('deals.pipeline_id', '=', filter.pipelineId);
  if (filter.stageId) q = q.where('deals.stage_id', '=', filter.stageId);
  if (filter.status) q = q.where('deals.status', '=', filter.status);
  if (filter.ownerId) q = q.where('deals.owner_id', '=', filter.ownerId);
  if (filter.teamId) q = q.where('deals.team_id', '=', filter.teamId);
  if (filter.companyId) q = q.where('deals.company_id', '=', filter.companyId);
  if (filter.contactId) q = q.where('deals.contact_id', '=', filter.contactId);
  if (filter.q) q = q.where(sql<boolean>`lower(deals.title) like ${likePattern(filter.q)} escape '\\'`);
  if (filter.expectedCloseFrom) q = q.where('deals.expected_close_date', '>=', filter.expectedCloseFrom);
  if (filter.expectedCloseTo) q = q.where('deals.expected_close_date', '<=', filter.expectedCloseTo);
  const field = DEAL_SORT_FIELDS[page.sort.column] ?? 'created_at';
  return paginate(q, {
    sort: page.sort,
    idColumn: 'deals.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (r) => ({ value: r[field], id: r.id }),
  });
}

/** Count, sum and Σ amount × probability per stage of a pipeline, over the deals the actor sees. */
export async function stageTotals(
  db: DbOrTx,
  actor: Actor,
  pipelineId: string,
  filter: { ownerId?: string | undefined; teamId?: string | undefined },
) {
  let q = db
    .selectFrom('deals')
    .innerJoin('pipeline_stages', 'pipeline_stages.id', 'deals.stage_id')
    .select((eb) => [
      'deals.stage_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('deals.amount_cents').as('amount'),
      sql<number>`sum(deals.amount_cents * pipeline_stages.probability)`.as('weighted_x100'),
    ])
    .where('deals.pipeline_id', '=', pipelineId)
    .where(dealsVisibleTo(actor))
    .groupBy('deals.stage_id');
  if (filter.ownerId) q = q.where('deals.owner_id', '=', filter.ownerId);
  if (filter.teamId) q = q.where('deals.team_id', '=', filter.teamId);
  const rows = await q.execute();
  return rows.map((r) => ({
    stageId: r.stage_id,
    count: Number(r.n),
    amountCents: Number(r.amount ?? 0),
    weightedX100: Number(r.weighted_x100 ?? 0),
  }));
}

/** How many deals are in each of the stages (all deals, regardless of who asks). */
export async function countDealsInStages(
  db: DbOrTx,
  stageIds: readonly string[],
): Promise<Map<string, number>> {
  if (stageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('deals')
    .select((eb) => ['stage_id', eb.fn.countAll<number>().as('n')])
    .where('stage_id', 'in', stageIds)
    .groupBy('stage_id')
    .execute();
  return new Map(rows.map((r) => [r.stage_id, Number(r.n)]));
}

/** Deals linked to a company (or contact): for re-pointing after a merge. */
export function findDealsOfCompany(db: DbOrTx, companyId: string) {
  return selectDeals(db).where('deals.company_id', '=', companyId).orderBy('deals.id').execute();
}

export function findDealsOfContact(db: DbOrTx, contactId: string) {
  return selectDeals(db).where('deals.contact_id', '=', contactId).orderBy('deals.id').execute();
}

// ─── lines ────────────────────────────────────────────────────────────────────────────────────────

export function findLinesOfDeal(db: DbOrTx, dealId: string) {
  return db.selectFrom('deal_lines').selectAll().where('deal_id', '=', dealId).orderBy('position').execute();
}

export async function insertLines(db: DbOrTx, rows: DealLineRow[]) {
  if (rows.length) await db.insertInto('deal_lines').values(rows).execute();
}

export async function replaceLines(db: DbOrTx, dealId: string, rows: DealLineRow[]) {
  await db.deleteFrom('deal_lines').where('deal_id', '=', dealId).execute();
  if (rows.length) await db.insertInto('deal_lines').values(rows).execute();
}

// ─── stage history ────────────────────────────────────────────────────────────────────────────────

export function findHistoryOfDeal(db: DbOrTx, dealId: string) {
  return db
    .selectFrom('deal_stage_history')
    .selectAll()
    .where('deal_id', '=', dealId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

export function insertHistory(db: DbOrTx, row: StageHistoryRow) {
  return db.insertInto('deal_stage_history').values(row).execute();
}

/** A history entry whose `first_entry` says whether the deal is in this stage for the first time. */
export function insertHistoryEntry(db: DbOrTx, row: Omit<StageHistoryRow, 'first_entry'>) {
  const firstEntry = sql<number>`(case when exists (select 1 from deal_stage_history e where e.deal_id = ${row.deal_id} and e.to_stage_id = ${row.to_stage_id}) then 0 else 1 end)`;
  return db
    .insertInto('deal_stage_history')
    .values({ ...row, first_entry: firstEntry })
    .execute();
}

/** Ends the deal's current stay (the entry without `left_at`), which began at `enteredAt`. */
export async function closeCurrentStay(
  db: DbOrTx,
  dealId: string,
  enteredAt: string,
  leftAt: string,
): Promise<void> {
  const stay = Math.max(0, Math.round((Date.parse(leftAt) - Date.parse(enteredAt)) / 1000));
  await db
    .updateTable('deal_stage_history')
    .set({ left_at: leftAt, stay_seconds: stay })
    .where('deal_id', '=', dealId)
    .where('left_at', 'is', null)
    .execute();
}

/** The deal went on from `stageId` to a later stage: marks its first entry there as advanced. */
export function markAdvanced(db: DbOrTx, dealId: string, stageId: string) {
  return db
    .updateTable('deal_stage_history')
    .set({ advanced: 1 })
    .where('deal_id', '=', dealId)
    .where('to_stage_id', '=', stageId)
    .where('first_entry', '=', 1)
    .execute();
}

/** The last open stage the deal was in (still existing, in its pipeline): where a reopened deal goes back to. */
export async function lastOpenStage(db: DbOrTx, dealId: string, pipelineId: string): Promise<string | null> {
  const row = await db
    .selectFrom('deal_stage_history')
    .innerJoin('pipeline_stages as s', 's.id', 'deal_stage_history.to_stage_id')
    .select('deal_stage_history.to_stage_id')
    .where('deal_stage_history.deal_id', '=', dealId)
    .where('s.pipeline_id', '=', pipelineId)
    .where('s.kind', '=', 'open')
    .where('s.removed_at', 'is', null)
    .orderBy('deal_stage_history.changed_at', 'desc')
    .orderBy('deal_stage_history.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.to_stage_id ?? null;
}

/**
 * The stage history of a company's deals (the actor sees), newest first, before a timeline position:
 * the company timeline's "deal" entries.
 */
export function listHistoryOfCompanyDeals(
  db: DbOrTx,
  actor: Actor,
  companyId: string,
  before: (eb: ExpressionBuilder<Database, 'deal_stage_history' | 'deals'>) => Expression<SqlBool>,
  limit: number,
) {
  return db
    .selectFrom('deal_stage_history')
    .innerJoin('deals', 'deals.id', 'deal_stage_history.deal_id')
    .innerJoin('pipeline_stages as to_stage', 'to_stage.id', 'deal_stage_history.to_stage_id')
    .leftJoin('pipeline_stages as from_stage', 'from_stage.id', 'deal_stage_history.from_stage_id')
    .select([
      'deal_stage_history.id',
      'deal_stage_history.deal_id',
      'deal_stage_history.changed_at',
      'deal_stage_history.changed_by',
      'deal_stage_history.amount_cents',
      'deal_stage_history.from_stage_id',
      'deals.title',
      'to_stage.name as to_name',
      'to_stage.kind as to_kind',
      'from_stage.name as from_name',
    ])
    .where('deals.company_id', '=', companyId)
    .where(dealsVisibleTo(actor))
    .where(before)
    .orderBy('deal_stage_history.changed_at', 'desc')
    .orderBy('deal_stage_history.id', 'desc')
    .limit(limit)
    .execute();
}
