import type { DealDetail } from '../../../../contracts/sales';
import type { Actor } from '../../platform/actor';
import type { Tx } from '../../platform/db/database';
import { AppError, staleVersion } from '../../platform/http/errors';
import { type DealRow, lastOpenStage } from './deals.repository';
import { changeDeal, loadDealDetail, loadDealRow } from './deals.service';
import { findStageOfKind } from './pipelines.repository';
import { loadPipeline, type SalesDeps } from './pipelines.service';

/**
 * Win, lose, reopen: a move into the pipeline's won / lost stage, or back into an open one. The
 * `…InTx` functions work in the caller's transaction and return the row (the demo seed uses them).
 */

const already = (status: 'won' | 'lost') =>
  new AppError('conflict', `sales.already_${status}`, `The deal is already ${status}`);

async function current(trx: Tx, actor: Actor, id: string, version: number): Promise<DealRow> {
  const deal = await loadDealRow(trx, id, actor);
  if (deal.version !== version) throw staleVersion('deal', id);
  return deal;
}

export async function winInTx(
  trx: Tx,
  deps: SalesDeps,
  actor: Actor,
  id: string,
  input: { version: number },
) {
  const deal = await current(trx, actor, id, input.version);
  if (deal.status === 'won') throw already('won');
  const won = await findStageOfKind(trx, deal.pipeline_id, 'won');
  return changeDeal(trx, deps, actor, id, { version: input.version, toStage: won }, deal);
}

export interface LoseInput {
  version: number;
  reason?: string | undefined;
  reasonId?: string | undefined;
}

export async function loseInTx(trx: Tx, deps: SalesDeps, actor: Actor, id: string, input: LoseInput) {
  const deal = await current(trx, actor, id, input.version);
  if (deal.status === 'lost') throw already('lost');
  const lost = await findStageOfKind(trx, deal.pipeline_id, 'lost');
  return changeDeal(
    trx,
    deps,
    actor,
    id,
    {
      version: input.version,
      toStage: lost,
      lostReason: input.reason,
      lostReasonId: input.reasonId,
      reasonFields: { reason: 'reason', reasonId: 'reasonId' },
    },
    deal,
  );
}

/** Into `stageId`, or the open stage the deal was in before it closed. */
export async function reopenInTx(
  trx: Tx,
  deps: SalesDeps,
  actor: Actor,
  id: string,
  input: { version: number; stageId?: string | undefined },
) {
  const deal = await current(trx, actor, id, input.version);
  if (deal.status === 'open') throw new AppError('conflict', 'sales.not_closed', 'The deal is open already');
  const pipeline = await loadPipeline(trx, deal.pipeline_id);
  let stageId = input.stageId;
  if (stageId) {
    if (pipeline.stages.find((s) => s.id === stageId)?.kind !== 'open') {
      throw new AppError(
        'unprocessable',
        'sales.reopen_into_open_stage',
        'A reopened deal goes into an open stage',
        [{ path: 'stageId', message: 'Choose an open stage of the deal’s pipeline' }],
      );
    }
  } else {
    stageId =
      (await lastOpenStage(trx, id, deal.pipeline_id)) ?? pipeline.stages.find((s) => s.kind === 'open')!.id;
  }
  return changeDeal(trx, deps, actor, id, { version: input.version, stageId }, deal);
}

export function winDeal(
  deps: SalesDeps,
  actor: Actor,
  id: string,
  input: { version: number },
): Promise<DealDetail> {
  return deps.db
    .transaction()
    .execute(async (trx) => loadDealDetail(trx, await winInTx(trx, deps, actor, id, input)));
}

export function loseDeal(deps: SalesDeps, actor: Actor, id: string, input: LoseInput): Promise<DealDetail> {
  return deps.db
    .transaction()
    .execute(async (trx) => loadDealDetail(trx, await loseInTx(trx, deps, actor, id, input)));
}

export function reopenDeal(
  deps: SalesDeps,
  actor: Actor,
  id: string,
  input: { version: number; stageId?: string | undefined },
): Promise<DealDetail> {
  return deps.db
    .transaction()
    .execute(async (trx) => loadDealDetail(trx, await reopenInTx(trx, deps, actor, id, input)));
}
