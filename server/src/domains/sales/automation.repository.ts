import type { DbOrTx } from '../../platform/db/database';
import type { DealsTable } from './deals.repository';

/** SQL for the sales record types of the automation engine (automation.ts). */

/** A deal as rules see it: its row and its stage's name and probability. */
export type DealForRules = DealsTable & { stage_name: string; probability: number };

const STAGE_COLUMNS = new Set<string>(['stage_name', 'probability']);

/**
 * Deals by id, one query for any number of ids, with only the `columns` asked for (a rule reads a
 * few); the stage is joined only for its name or probability.
 */
export async function findDealsForRules(
  db: DbOrTx,
  ids: readonly string[],
  columns: readonly (keyof DealForRules)[],
): Promise<Partial<DealForRules>[]> {
  if (ids.length === 0) return [];
  const own = columns.filter((c) => !STAGE_COLUMNS.has(c)).map((c) => `deals.${c}` as const);
  if (!columns.some((c) => STAGE_COLUMNS.has(c))) {
    return db
      .selectFrom('deals')
      .select(own as never[])
      .where('deals.id', 'in', ids)
      .execute() as Promise<Partial<DealForRules>[]>;
  }
  const stage = columns
    .filter((c) => STAGE_COLUMNS.has(c))
    .map((c) => (c === 'stage_name' ? 'pipeline_stages.name as stage_name' : 'pipeline_stages.probability'));
  return (
    db
      .selectFrom('deals')
      // CROSS JOIN: SQLite keeps the deals as the outer loop (by id), not every deal of each stage
      .crossJoin('pipeline_stages')
      .whereRef('pipeline_stages.id', '=', 'deals.stage_id')
      .select([...own, ...stage] as never[])
      .where('deals.id', 'in', ids)
      .execute() as Promise<Partial<DealForRules>[]>
  );
}

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
