import type { CreatePipeline, Pipeline, StageInput, UpdatePipeline } from '../../../../contracts/sales';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { type Db, type DbOrTx, fromBool, isUniqueViolation, type Tx } from '../../platform/db/database';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { countDealsInStages } from './deals.repository';
import {
  clearDefaultPipeline,
  findDefaultPipeline,
  findPipelineById,
  findPipelineByName,
  insertPipeline,
  insertStages,
  listPipelines as listPipelineRows,
  listStagesOfPipelines,
  markStagesRemoved,
  type PipelineRow,
  type StageRow,
  updatePipeline as updatePipelineRow,
  updateStage,
} from './pipelines.repository';
import { pipelineAuditSnapshot, toPipeline } from './sales.mappers';

/** What the sales services need from the platform (an AppContext, a handler's or the seed's context). */
export interface SalesDeps {
  db: Db;
  clock: Clock;
}

const nameTaken = (name: string) =>
  new AppError('conflict', 'sales.pipeline_name_taken', `There is already a pipeline called "${name}"`, [
    { path: 'name', message: 'A pipeline with this name already exists' },
  ]);

async function withStages(db: DbOrTx, rows: PipelineRow[]): Promise<Pipeline[]> {
  const stages = await listStagesOfPipelines(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toPipeline(
      r,
      stages.filter((s) => s.pipeline_id === r.id),
    ),
  );
}

/** A pipeline with its current stages; the default pipeline when no id is given. */
export async function loadPipeline(db: DbOrTx, id?: string): Promise<Pipeline> {
  const row = id ? await findPipelineById(db, id) : await findDefaultPipeline(db);
  if (!row) {
    if (id) throw notFound('pipeline', id);
    throw new AppError(
      'not_found',
      'sales.no_default_pipeline',
      'There is no default pipeline; create one first',
    );
  }
  const [pipeline] = await withStages(db, [row]);
  return pipeline!;
}

export async function listPipelines(deps: SalesDeps): Promise<{ items: Pipeline[] }> {
  return { items: await withStages(deps.db, await listPipelineRows(deps.db)) };
}

export function getPipeline(deps: SalesDeps, id: string): Promise<Pipeline> {
  return loadPipeline(deps.db, id);
}

function newStageRow(pipelineId: string, s: StageInput, position: number, now: string): StageRow {
  return {
    id: uuidv7(),
    pipeline_id: pipelineId,
    name: s.name.trim(),
    position,
    probability: s.probability,
    kind: s.kind,
    removed_at: null,
    created_at: now,
    updated_at: now,
  };
}

export async function createPipeline(
  deps: SalesDeps,
  actor: Actor,
  input: CreatePipeline,
): Promise<Pipeline> {
  const name = input.name.trim();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await findPipelineByName(trx, name)) throw nameTaken(name);
      const now = deps.clock.now().toISOString();
      const row: PipelineRow = {
        id: uuidv7(),
        name,
        is_default: fromBool(input.isDefault ?? false),
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await insertPipeline(trx, row);
      await insertStages(
        trx,
        input.stages.map((s, i) => newStageRow(row.id, s, i, now)),
      );
      if (input.isDefault) await unsetOtherDefaults(trx, deps, actor, row.id, now);
      const pipeline = await loadPipeline(trx, row.id);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'pipeline',
        entityId: row.id,
        before: null,
        after: pipelineAuditSnapshot(pipeline),
      });
      return pipeline;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

/** One default pipeline: the one that was it before stops being it (audited there). */
async function unsetOtherDefaults(trx: Tx, deps: SalesDeps, actor: Actor, exceptId: string, now: string) {
  const others = (await listPipelineRows(trx)).filter((p) => p.is_default === 1 && p.id !== exceptId);
  if (others.length === 0) return;
  await clearDefaultPipeline(trx, exceptId, now);
  for (const p of others) {
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'pipeline',
      entityId: p.id,
      before: { isDefault: true },
      after: { isDefault: false },
    });
  }
}

const dealWord = (n: number) => (n === 1 ? '1 deal' : `${n} deals`);

/**
 * Applies a new stage list: kept stages (by id) are renamed / moved / re-weighted, new ones added,
 * left-out ones removed. A stage that still holds deals cannot be removed or change its kind (409).
 */
async function applyStages(trx: Tx, pipeline: Pipeline, stages: StageInput[], now: string): Promise<void> {
  const current = new Map(pipeline.stages.map((s) => [s.id, s]));
  const unknown = stages.flatMap((s, i) =>
    s.id && !current.has(s.id)
      ? [{ path: `stages.${i}.id`, message: 'This stage is not (or no longer) part of the pipeline' }]
      : [],
  );
  if (unknown.length) {
    throw new AppError(
      'unprocessable',
      'sales.unknown_stage',
      'The stage list names stages of another pipeline',
      unknown,
    );
  }
  const keptIds = new Set(stages.flatMap((s) => (s.id ? [s.id] : [])));
  const removed = pipeline.stages.filter((s) => !keptIds.has(s.id));
  const kindChanged = stages.filter((s) => s.id && current.get(s.id)!.kind !== s.kind);
  const counts = await countDealsInStages(
    trx,
    [...removed, ...kindChanged].map((s) => s.id!),
  );
  const blocked = [
    ...removed.flatMap((s) => {
      const n = counts.get(s.id) ?? 0;
      return n
        ? [
            `Stage "${s.name}" still has ${dealWord(n)}; move ${n === 1 ? 'it' : 'them'} to another stage first`,
          ]
        : [];
    }),
    ...kindChanged.flatMap((s) => {
      const n = counts.get(s.id!) ?? 0;
      const before = current.get(s.id!)!;
      return n
        ? [
            `Stage "${before.name}" still has ${dealWord(n)}; its kind cannot change from ${before.kind} to ${s.kind}`,
          ]
        : [];
    }),
  ];
  if (blocked.length) {
    throw new AppError(
      'conflict',
      'sales.stage_has_deals',
      blocked.join('. '),
      blocked.map((message) => ({ path: 'stages', message })),
    );
  }
  await markStagesRemoved(
    trx,
    removed.map((s) => s.id),
    now,
  );
  const added: StageRow[] = [];
  for (const [position, s] of stages.entries()) {
    if (!s.id) {
      added.push(newStageRow(pipeline.id, s, position, now));
      continue;
    }
    const before = current.get(s.id)!;
    const name = s.name.trim();
    if (
      before.name !== name ||
      before.position !== position ||
      before.probability !== s.probability ||
      before.kind !== s.kind
    ) {
      await updateStage(trx, s.id, {
        name,
        position,
        probability: s.probability,
        kind: s.kind,
        updated_at: now,
      });
    }
  }
  await insertStages(trx, added);
}

export async function updatePipeline(
  deps: SalesDeps,
  actor: Actor,
  id: string,
  input: UpdatePipeline,
): Promise<Pipeline> {
  const name = input.name?.trim();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await loadPipeline(trx, id);
      if (before.version !== input.version) throw staleVersion('pipeline', id);
      if (name !== undefined && name.toLowerCase() !== before.name.toLowerCase()) {
        if (await findPipelineByName(trx, name)) throw nameTaken(name);
      }
      const now = deps.clock.now().toISOString();
      if (input.stages) await applyStages(trx, before, input.stages, now);
      const ok = await updatePipelineRow(trx, id, input.version, {
        ...(name !== undefined ? { name } : {}),
        ...(input.isDefault ? { is_default: 1 } : {}),
        updated_at: now,
      });
      if (!ok) throw staleVersion('pipeline', id);
      if (input.isDefault && !before.isDefault) await unsetOtherDefaults(trx, deps, actor, id, now);
      const after = await loadPipeline(trx, id);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'pipeline',
        entityId: id,
        before: pipelineAuditSnapshot(before),
        after: pipelineAuditSnapshot(after),
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err) && name) throw nameTaken(name);
    throw err;
  }
}
