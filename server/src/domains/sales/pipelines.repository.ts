import { type Selectable, sql, type Updateable } from 'kysely';
import type { StageKind } from '../../../../contracts/sales';
import type { DbOrTx } from '../../platform/db/database';

export interface PipelinesTable {
  id: string;
  name: string;
  is_default: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PipelineStagesTable {
  id: string;
  pipeline_id: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
  removed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface LostReasonsTable {
  id: string;
  name: string;
  position: number;
  created_at: string;
}

declare module '../../platform/db/database' {
  interface Database {
    pipelines: PipelinesTable;
    pipeline_stages: PipelineStagesTable;
    lost_reasons: LostReasonsTable;
  }
}

export type PipelineRow = Selectable<PipelinesTable>;
export type StageRow = Selectable<PipelineStagesTable>;
export type LostReasonRow = Selectable<LostReasonsTable>;

// ─── pipelines ────────────────────────────────────────────────────────────────────────────────────

export function insertPipeline(db: DbOrTx, row: PipelineRow) {
  return db.insertInto('pipelines').values(row).execute();
}

export function findPipelineById(db: DbOrTx, id: string) {
  return db.selectFrom('pipelines').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDefaultPipeline(db: DbOrTx) {
  return db
    .selectFrom('pipelines')
    .selectAll()
    .where('is_default', '=', 1)
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Pipeline names are unique regardless of case. */
export function findPipelineByName(db: DbOrTx, name: string) {
  return db
    .selectFrom('pipelines')
    .selectAll()
    .where(sql<boolean>`lower(pipelines.name) = ${name.toLowerCase()}`)
    .executeTakeFirst();
}

/** Default first, then by name. */
export function listPipelines(db: DbOrTx) {
  return db.selectFrom('pipelines').selectAll().orderBy('is_default', 'desc').orderBy('name').execute();
}

export async function updatePipeline(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<PipelinesTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('pipelines')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function clearDefaultPipeline(db: DbOrTx, exceptId: string, updatedAt: string) {
  return db
    .updateTable('pipelines')
    .set((eb) => ({ is_default: 0, updated_at: updatedAt, version: eb('version', '+', 1) }))
    .where('is_default', '=', 1)
    .where('id', '<>', exceptId)
    .execute();
}

// ─── stages ───────────────────────────────────────────────────────────────────────────────────────

/** The current (not removed) stages of the pipelines, in order. */
export function listStagesOfPipelines(db: DbOrTx, pipelineIds: readonly string[]) {
  if (pipelineIds.length === 0) return Promise.resolve([] as StageRow[]);
  return db
    .selectFrom('pipeline_stages')
    .selectAll()
    .where('pipeline_id', 'in', pipelineIds)
    .where('removed_at', 'is', null)
    .orderBy('pipeline_id')
    .orderBy('position')
    .execute();
}

/** A stage, removed or not. */
export function findStageById(db: DbOrTx, id: string) {
  return db.selectFrom('pipeline_stages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The won or the lost stage of a pipeline. */
export function findStageOfKind(db: DbOrTx, pipelineId: string, kind: 'won' | 'lost') {
  return db
    .selectFrom('pipeline_stages')
    .selectAll()
    .where('pipeline_id', '=', pipelineId)
    .where('kind', '=', kind)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
}

/** Stages by id, removed or not (names in the stage history). */
export function findStagesByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as StageRow[]);
  return db.selectFrom('pipeline_stages').selectAll().where('id', 'in', ids).execute();
}

export function insertStages(db: DbOrTx, rows: StageRow[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('pipeline_stages').values(rows).execute();
}

export function updateStage(
  db: DbOrTx,
  id: string,
  patch: Pick<Updateable<PipelineStagesTable>, 'name' | 'position' | 'probability' | 'kind' | 'updated_at'>,
) {
  return db.updateTable('pipeline_stages').set(patch).where('id', '=', id).execute();
}

export function markStagesRemoved(db: DbOrTx, ids: readonly string[], at: string) {
  if (ids.length === 0) return Promise.resolve();
  return db
    .updateTable('pipeline_stages')
    .set({ removed_at: at, updated_at: at })
    .where('id', 'in', ids)
    .execute();
}

// ─── lost reasons ─────────────────────────────────────────────────────────────────────────────────

export function listLostReasons(db: DbOrTx) {
  return db.selectFrom('lost_reasons').selectAll().orderBy('position').orderBy('name').execute();
}

export function findLostReasonById(db: DbOrTx, id: string) {
  return db.selectFrom('lost_reasons').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLostReasonByName(db: DbOrTx, name: string) {
  return db
    .selectFrom('lost_reasons')
    .selectAll()
    .where(sql<boolean>`lower(lost_reasons.name) = ${name.toLowerCase()}`)
    .executeTakeFirst();
}

export async function nextLostReasonPosition(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('lost_reasons')
    .select((eb) => eb.fn.max('position').as('p'))
    .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

export function insertLostReason(db: DbOrTx, row: LostReasonRow) {
  return db.insertInto('lost_reasons').values(row).execute();
}
