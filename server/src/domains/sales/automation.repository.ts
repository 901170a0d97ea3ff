import type { DbOrTx } from '../../platform/db/database';

/** SQL for the sales record types of the automation engine (automation.ts). */

/** Deals with their stage's name and probability, one query for any number of ids. */
export function findDealsForRules(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deals')
    .crossJoin('pipeline_stages')
    .whereRef('pipeline_stages.id', '=', 'deals.stage_id')
    .selectAll('deals')
    .select(['pipeline_stages.name as stage_name', 'pipeline_stages.probability'])
    .where('deals.id', 'in', ids)
    .execute();
}

export type DealForRules = Awaited<ReturnType<typeof findDealsForRules>>[number];

/** Open deals expected to close on `date`, in id order after `after` (index `deals_status_close`). */
export async function findOpenDealIdsClosingOn(
  db: DbOrTx,
  date: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let q = db
    .selectFrom('deals')
    .select('id')
    .where('status', '=', 'open')
    .where('expected_close_date', '=', date);
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function findRecentDealIds(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('deals')
    .select('id')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export function findStagesForRules(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pipeline_stages')
    .select(['id', 'name', 'probability', 'pipeline_id', 'kind', 'position'])
    .where('id', 'in', ids)
    .execute();
}

export function findPipelinesForRules(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('pipelines').select(['id', 'name', 'is_default']).where('id', 'in', ids).execute();
}
