import type { ListResponse } from '../../../../contracts/common';
import type { CreateDeal, Deal, DealDetail, DealListQuery, UpdateDeal } from '../../../../contracts/sales';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { type DbOrTx, fromBool, type Tx } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { publish } from '../../platform/events/publish';
import { notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { assertLineProductsExist } from '../catalog';
import { getUserSummaries, listTeamIdsOfUser } from '../identity';
import { indexDeals } from '../search';
import { companyNames } from './company-links';
import { changedDealFields, isImport } from './deal-changes';
import {
  amountFromLines,
  checkCompany,
  checkContact,
  checkOwner,
  lineRows,
  linesTotal,
  stageOf,
  unprocessable,
} from './deal-checks';
import { recordCreation, recordStageChange, resolveLostReason, stageFields } from './deal-stages';
import {
  DEAL_SORT_COLUMNS,
  type DealLineRow,
  type DealRow,
  type DealRowBase,
  type DealsTable,
  findDeal,
  findHistoryOfDeal,
  findLinesOfDeal,
  insertDeal,
  insertLines,
  listDeals as listDealRows,
  replaceLines,
  updateDeal as updateDealRow,
} from './deals.repository';
import { findStageById, findStagesByIds, type StageRow } from './pipelines.repository';
import { loadPipeline, type SalesDeps } from './pipelines.service';
import { dealAuditSnapshot, toDeal, toDealLine, toStageChange } from './sales.mappers';

// ─── reading ──────────────────────────────────────────────────────────────────────────────────────

/** Deals with the names of their companies and owners (two lookups for the whole page). */
export async function withNames(db: DbOrTx, rows: DealRow[]): Promise<Deal[]> {
  if (rows.length === 0) return [];
  const [companies, users] = await Promise.all([
    companyNames(
      db,
      rows.map((r) => r.company_id),
    ),
    getUserSummaries(
      db,
      rows.map((r) => r.owner_id),
    ),
  ]);
  return rows.map((r) =>
    toDeal(r, {
      companyName: companies.get(r.company_id) ?? null,
      ownerName: users.get(r.owner_id)?.name ?? null,
    }),
  );
}

/** A deal the actor may see (404 otherwise). */
export async function loadDealRow(db: DbOrTx, id: string, actor?: Actor): Promise<DealRow> {
  const row = await findDeal(db, id, actor);
  if (!row) throw notFound('deal', id);
  return row;
}

/** A deal with its lines and stage history. */
export async function loadDealDetail(db: DbOrTx, row: DealRow): Promise<DealDetail> {
  const [[deal], lines, history] = await Promise.all([
    withNames(db, [row]),
    findLinesOfDeal(db, row.id),
    findHistoryOfDeal(db, row.id),
  ]);
  const stageIds = history.flatMap((h) =>
    h.from_stage_id ? [h.from_stage_id, h.to_stage_id] : [h.to_stage_id],
  );
  const [stages, users] = await Promise.all([
    findStagesByIds(db, [...new Set(stageIds)]),
    getUserSummaries(
      db,
      history.flatMap((h) => (h.changed_by ? [h.changed_by] : [])),
    ),
  ]);
  const stageNames = new Map(stages.map((s) => [s.id, s.name]));
  const userNames = new Map([...users.values()].map((u) => [u.id, u.name]));
  return {
    ...deal!,
    lines: lines.map(toDealLine),
    stageHistory: history.map((h) => toStageChange(h, stageNames, userNames)),
  };
}

export async function getDeal(deps: SalesDeps, actor: Actor, id: string): Promise<DealDetail> {
  return loadDealDetail(deps.db, await loadDealRow(deps.db, id, actor));
}

export async function listDeals(
  deps: SalesDeps,
  actor: Actor,
  query: DealListQuery,
): Promise<ListResponse<Deal>> {
  const page = await listDealRows(deps.db, actor, query, {
    sort: parseSort(query.sort, DEAL_SORT_COLUMNS),
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await withNames(deps.db, page.items), nextCursor: page.nextCursor };
}

// ─── creating ─────────────────────────────────────────────────────────────────────────────────────

/** Creates a deal in an open stage (raises `deal.created`; the history starts "from nothing"). */
export function createDeal(deps: SalesDeps, actor: Actor, input: CreateDeal): Promise<DealDetail> {
  return deps.db
    .transaction()
    .execute(async (trx) => loadDealDetail(trx, await insertNewDeal(trx, deps, actor, input)));
}

/** createDeal in the caller's transaction; returns the new row. */
export async function insertNewDeal(
  trx: Tx,
  deps: SalesDeps,
  actor: Actor,
  input: CreateDeal,
): Promise<DealRow> {
  const ownerId = input.ownerId ?? actor.userId;
  if (!ownerId) throw unprocessable('sales.owner_required', 'Name the owner of the deal', 'ownerId');
  const lines = input.lines ?? [];
  if (lines.length > 0 && input.amountCents !== undefined) throw amountFromLines();
  await assertLineProductsExist(trx, lines, 'sales.unknown_product');
  await checkCompany(trx, input.companyId, actor);
  if (input.contactId) await checkContact(trx, input.contactId, input.companyId);
  await checkOwner(trx, ownerId);
  // the stage names its pipeline; without one, the pipeline's (or the default pipeline's) first stage
  let stage: StageRow;
  if (input.stageId) {
    const found = await findStageById(trx, input.stageId);
    if (!found || found.removed_at || (input.pipelineId && found.pipeline_id !== input.pipelineId)) {
      throw unprocessable(
        'sales.unknown_stage',
        `Stage ${input.stageId} is not a stage of this pipeline`,
        'stageId',
        'Choose a stage of the deal’s pipeline',
      );
    }
    stage = found;
  } else {
    const pipeline = await loadPipeline(trx, input.pipelineId).catch((err) => {
      if (input.pipelineId)
        throw unprocessable(
          'sales.unknown_pipeline',
          `Pipeline ${input.pipelineId} does not exist`,
          'pipelineId',
          'No such pipeline',
        );
      throw err;
    });
    stage = await stageOf(trx, pipeline.id, pipeline.stages[0]!.id);
  }
  if (stage.kind !== 'open') {
    throw unprocessable(
      'sales.start_in_open_stage',
      'A new deal starts in an open stage; win or lose it afterwards',
      'stageId',
      'Choose an open stage',
    );
  }
  let teamId = input.teamId ?? null;
  if (input.teamId === undefined) {
    const teams = await listTeamIdsOfUser(trx, ownerId);
    if (teams.length === 1) teamId = teams[0]!;
  }
  const now = deps.clock.now().toISOString();
  const id = uuidv7();
  const rows = lineRows(id, lines);
  const row: DealRowBase = {
    id,
    title: input.title.trim(),
    company_id: input.companyId,
    contact_id: input.contactId ?? null,
    owner_id: ownerId,
    team_id: teamId,
    source: input.source ?? 'other',
    expected_close_date: input.expectedCloseDate,
    currency: 'EUR',
    pipeline_id: stage.pipeline_id,
    stage_id: stage.id,
    status: 'open',
    amount_cents: rows.length ? linesTotal(rows) : (input.amountCents ?? 0),
    has_lines: fromBool(rows.length > 0),
    stage_entered_at: now,
    won_at: null,
    lost_at: null,
    closed_at: null,
    lost_reason: null,
    lost_reason_id: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await insertDeal(trx, row);
  await insertLines(trx, rows);
  await indexDeals(trx, [id]);
  const created: DealRow = {
    ...row,
    stage_name: stage.name,
    probability: stage.probability,
    stage_kind: stage.kind,
    stage_position: stage.position,
  };
  await recordCreation(trx, actor, created);
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'deal',
    entityId: id,
    before: null,
    after: dealAuditSnapshot(created, rows),
  });
  await publish(trx, deps.clock, actor, 'deal.created', {
    dealId: id,
    pipelineId: stage.pipeline_id,
    stageId: stage.id,
    companyId: row.company_id,
    amountCents: row.amount_cents,
  });
  return created;
}

// ─── changing ─────────────────────────────────────────────────────────────────────────────────────

export interface DealChange extends UpdateDeal {
  /** Lose / reopen: where the field errors of a missing reason point to. */
  reasonFields?: { reason: string; reasonId: string };
  /** Win / lose: the target stage, already read (instead of `stageId`). */
  toStage?: StageRow;
}

/**
 * Applies a change to a deal in the caller's transaction: fields, lines, and a move to another stage
 * (history, events). Optimistic on `version`. Returns the deal's row afterwards. `loaded`: the row as
 * the caller already read it (visible to the actor) in this transaction.
 */
/** The deal's columns its search document is made of (search-documents.ts dealSearchDocument). */
const SEARCHED_FIELDS = ['title', 'company_id', 'owner_id', 'team_id'] as const;

export async function changeDeal(
  trx: Tx,
  deps: SalesDeps,
  actor: Actor,
  id: string,
  input: DealChange,
  loaded?: DealRow,
): Promise<DealRow> {
  const beforeRow = loaded ?? (await loadDealRow(trx, id, actor));
  if (beforeRow.version !== input.version) throw staleVersion('deal', id);
  // the lines are part of the audit entry when they change
  const beforeLines = input.lines !== undefined ? await findLinesOfDeal(trx, id) : undefined;
  const now = deps.clock.now().toISOString();
  const patch: Partial<DealsTable> = { updated_at: now };

  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.source !== undefined) patch.source = input.source;
  if (input.expectedCloseDate !== undefined) patch.expected_close_date = input.expectedCloseDate;
  if (input.ownerId !== undefined && input.ownerId !== beforeRow.owner_id) {
    await checkOwner(trx, input.ownerId);
    patch.owner_id = input.ownerId;
  }
  if (input.teamId !== undefined) patch.team_id = input.teamId;

  // company and contact: the contact must belong to the company the deal has afterwards
  const companyId = input.companyId ?? beforeRow.company_id;
  if (input.companyId !== undefined && input.companyId !== beforeRow.company_id) {
    await checkCompany(trx, input.companyId, actor);
    patch.company_id = input.companyId;
  }
  const contactId = input.contactId !== undefined ? input.contactId : beforeRow.contact_id;
  if (contactId && (contactId !== beforeRow.contact_id || companyId !== beforeRow.company_id)) {
    await checkContact(trx, contactId, companyId);
  }
  if (input.contactId !== undefined) patch.contact_id = input.contactId ?? null;

  // amount: from the lines, or the plain amount of a deal without lines
  const hasLinesAfter = input.lines !== undefined ? input.lines.length > 0 : beforeRow.has_lines === 1;
  if (hasLinesAfter && input.amountCents !== undefined) throw amountFromLines();
  let newLines: DealLineRow[] | null = null;
  if (input.lines !== undefined) {
    await assertLineProductsExist(trx, input.lines, 'sales.unknown_product');
    newLines = lineRows(id, input.lines);
    patch.has_lines = fromBool(newLines.length > 0);
    if (newLines.length) patch.amount_cents = linesTotal(newLines);
  }
  if (input.amountCents !== undefined) patch.amount_cents = input.amountCents;

  // stage: another pipeline, another stage, or both
  let to: StageRow | null = input.toStage ?? null;
  if (to) {
    if (to.pipeline_id !== beforeRow.pipeline_id) throw new Error('a stage of another pipeline');
  } else if (input.pipelineId !== undefined && input.pipelineId !== beforeRow.pipeline_id) {
    const pipeline = await loadPipeline(trx, input.pipelineId).catch(() => {
      throw unprocessable(
        'sales.unknown_pipeline',
        `Pipeline ${input.pipelineId} does not exist`,
        'pipelineId',
        'No such pipeline',
      );
    });
    to = await stageOf(trx, pipeline.id, input.stageId ?? pipeline.stages[0]!.id);
  } else if (input.stageId !== undefined && input.stageId !== beforeRow.stage_id) {
    to = await stageOf(trx, beforeRow.pipeline_id, input.stageId);
  }
  if (to?.id === beforeRow.stage_id) to = null;
  if (to) {
    const lost =
      to.kind === 'lost'
        ? await resolveLostReason(
            trx,
            { reason: input.lostReason, reasonId: input.lostReasonId },
            input.reasonFields ?? { reason: 'lostReason', reasonId: 'lostReasonId' },
          )
        : undefined;
    Object.assign(patch, stageFields(to, now, lost));
  } else if (
    beforeRow.status === 'lost' &&
    (input.lostReason !== undefined || input.lostReasonId !== undefined)
  ) {
    // correcting the reason of a lost deal
    const lost = await resolveLostReason(
      trx,
      { reason: input.lostReason, reasonId: input.lostReasonId },
      {
        reason: 'lostReason',
        reasonId: 'lostReasonId',
      },
    );
    patch.lost_reason = lost.reason;
    patch.lost_reason_id = lost.reasonId;
  }

  if (!(await updateDealRow(trx, id, input.version, patch))) throw staleVersion('deal', id);
  if (newLines) await replaceLines(trx, id, newLines);
  // The search document holds title, company, owner and team only: a stage change (a win, a move on
  // the board) leaves it alone — rewriting it anyway made SQLite's full-text index flush on wins.
  if (SEARCHED_FIELDS.some((k) => patch[k] !== undefined && patch[k] !== beforeRow[k])) {
    await indexDeals(trx, [id]);
  }
  const afterRow: DealRow = {
    ...beforeRow,
    ...patch,
    version: input.version + 1,
    ...(to
      ? { stage_name: to.name, probability: to.probability, stage_kind: to.kind, stage_position: to.position }
      : {}),
  };
  if (to) await recordStageChange(trx, deps.clock, actor, { before: beforeRow, after: afterRow, to, now });
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'deal',
    entityId: id,
    before: dealAuditSnapshot(beforeRow, beforeLines),
    after: dealAuditSnapshot(afterRow, newLines ?? beforeLines),
  });
  // Edited fields raise `deal.updated` (stage moves, wins, losses have their own events); an import
  // raises one `import.completed` for the whole file instead of an event per row.
  if (!isImport(actor)) {
    const changed = changedDealFields(beforeRow, patch, beforeLines, newLines);
    if (changed.length) {
      await publish(trx, deps.clock, actor, 'deal.updated', {
        dealId: id,
        companyId: afterRow.company_id,
        changed,
      });
    }
  }
  return afterRow;
}

export function updateDeal(
  deps: SalesDeps,
  actor: Actor,
  id: string,
  input: UpdateDeal,
): Promise<DealDetail> {
  return deps.db
    .transaction()
    .execute(async (trx) => loadDealDetail(trx, await changeDeal(trx, deps, actor, id, input)));
}
