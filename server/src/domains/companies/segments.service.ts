import type { z } from 'zod';
import type { ListResponse } from '../../../../contracts/common';
import type {
  CreateSegment,
  Segment,
  SegmentListQuery,
  UpdateSegment,
} from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { type DbOrTx, isUniqueViolation, type Tx } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import type { CompaniesDeps } from './access';
import { segmentAuditSnapshot, toSegment } from './companies.mappers';
import { countCompaniesInSegment } from './companies.repository';
import {
  deleteSegment as deleteSegmentRow,
  findSegmentById,
  findSegmentByName,
  insertSegment,
  listSegments as listSegmentRows,
  SEGMENT_SORT_COLUMNS,
  type SegmentRow,
  type SegmentsTable,
  segmentNameKey,
  updateSegment as updateSegmentRow,
} from './segments.repository';

export const segmentNameTaken = (name: string) =>
  new AppError('conflict', 'segments.name_taken', `There is already a segment called "${name}"`, [
    { path: 'name', message: 'A segment with this name already exists' },
  ]);

export async function loadSegment(db: DbOrTx, id: string): Promise<Segment> {
  const row = await findSegmentById(db, id);
  if (!row) throw notFound('segment', id);
  return toSegment(row);
}

export function getSegment(deps: CompaniesDeps, id: string): Promise<Segment> {
  return loadSegment(deps.db, id);
}

export async function listSegments(
  deps: CompaniesDeps,
  query: z.infer<typeof SegmentListQuery>,
): Promise<ListResponse<Segment>> {
  const page = await listSegmentRows(
    deps.db,
    { q: query.q, industry: query.industry, region: query.region },
    { sort: parseSort(query.sort, SEGMENT_SORT_COLUMNS), limit: query.limit, cursor: query.cursor },
  );
  return { items: page.items.map(toSegment), nextCursor: page.nextCursor };
}

export function newSegmentRow(input: CreateSegment, now: string): SegmentRow {
  return {
    id: uuidv7(),
    name: input.name,
    name_key: segmentNameKey(input.name),
    industry: input.industry ?? null,
    region: input.region ?? null,
    size_class: input.sizeClass ?? null,
    market_companies: input.marketCompanies ?? null,
    potential_revenue_cents: input.potentialRevenueCents ?? null,
    notes: input.notes ?? null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

/** Inserts a segment with its audit entry, in the caller's transaction. */
export async function insertSegmentAudited(trx: Tx, deps: CompaniesDeps, actor: Actor, row: SegmentRow) {
  await insertSegment(trx, row);
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'segment',
    entityId: row.id,
    before: null,
    after: segmentAuditSnapshot(toSegment(row)),
  });
  return toSegment(row);
}

export async function createSegment(
  deps: CompaniesDeps,
  actor: Actor,
  input: CreateSegment,
): Promise<Segment> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await findSegmentByName(trx, input.name)) throw segmentNameTaken(input.name);
      return insertSegmentAudited(trx, deps, actor, newSegmentRow(input, deps.clock.now().toISOString()));
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw segmentNameTaken(input.name);
    throw err;
  }
}

/** The changed columns of a segment edit (undefined: unchanged, null: cleared). */
export function segmentPatch(input: Omit<UpdateSegment, 'version'>): Partial<SegmentsTable> {
  const patch: Partial<SegmentsTable> = {};
  if (input.name !== undefined)
    Object.assign(patch, { name: input.name, name_key: segmentNameKey(input.name) });
  if (input.industry !== undefined) patch.industry = input.industry ?? null;
  if (input.region !== undefined) patch.region = input.region ?? null;
  if (input.sizeClass !== undefined) patch.size_class = input.sizeClass ?? null;
  if (input.marketCompanies !== undefined) patch.market_companies = input.marketCompanies ?? null;
  if (input.potentialRevenueCents !== undefined)
    patch.potential_revenue_cents = input.potentialRevenueCents ?? null;
  if (input.notes !== undefined) patch.notes = input.notes ?? null;
  return patch;
}

/** Applies a change to a segment with its audit entry, in the caller's transaction. */
export async function updateSegmentAudited(
  trx: Tx,
  deps: CompaniesDeps,
  actor: Actor,
  before: Segment,
  version: number,
  patch: Partial<SegmentsTable>,
): Promise<Segment> {
  const ok = await updateSegmentRow(trx, before.id, version, {
    ...patch,
    updated_at: deps.clock.now().toISOString(),
  });
  if (!ok) throw staleVersion('segment', before.id);
  const after = await loadSegment(trx, before.id);
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'segment',
    entityId: before.id,
    before: segmentAuditSnapshot(before),
    after: segmentAuditSnapshot(after),
  });
  return after;
}

export async function updateSegment(
  deps: CompaniesDeps,
  actor: Actor,
  id: string,
  input: UpdateSegment,
): Promise<Segment> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await loadSegment(trx, id);
      if (before.version !== input.version) throw staleVersion('segment', id);
      if (input.name !== undefined && segmentNameKey(input.name) !== segmentNameKey(before.name)) {
        if (await findSegmentByName(trx, input.name)) throw segmentNameTaken(input.name);
      }
      return updateSegmentAudited(trx, deps, actor, before, input.version, segmentPatch(input));
    });
  } catch (err) {
    if (isUniqueViolation(err) && input.name) throw segmentNameTaken(input.name);
    throw err;
  }
}

/** Deletes a segment no company uses (409 otherwise: move the companies first). */
export async function deleteSegment(
  deps: CompaniesDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadSegment(trx, id);
    if (before.version !== version) throw staleVersion('segment', id);
    const used = await countCompaniesInSegment(trx, id);
    if (used > 0) {
      throw new AppError(
        'conflict',
        'segments.in_use',
        `${before.name} is the segment of ${used} ${used === 1 ? 'company' : 'companies'}; assign them another segment first`,
      );
    }
    if (!(await deleteSegmentRow(trx, id, version))) throw staleVersion('segment', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'segment',
      entityId: id,
      before: segmentAuditSnapshot(before),
      after: null,
    });
  });
}
