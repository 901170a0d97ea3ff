import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import {
  closeCurrentStay,
  type DealRow,
  type DealsTable,
  insertHistory,
  insertHistoryEntry,
  markAdvanced,
} from './deals.repository';
import { findLostReasonById, type StageRow } from './pipelines.repository';
import { runWinChecks } from './win-checks';

/**
 * What moving a deal between stages means, shared by PATCH /deals/:id, win, lose and reopen:
 * the deal's status fields (`stageFields`), and the record of it (`recordStageChange`): the stage
 * history, and the events — `deal.stage_changed` always, `deal.reopened` when a closed deal opens
 * again (also on the way from won to lost or back), `deal.won` / `deal.lost` when it closes.
 */

export interface LostReasonInput {
  reason?: string | undefined;
  reasonId?: string | undefined;
}

/** The reason a deal is lost: the text, or the named lost reason's name. 422 naming the field when neither. */
export async function resolveLostReason(
  trx: Tx,
  input: LostReasonInput,
  fields: { reason: string; reasonId: string },
): Promise<{ reason: string; reasonId: string | null }> {
  let reasonId: string | null = null;
  let reason = input.reason?.trim() || null;
  if (input.reasonId) {
    const row = await findLostReasonById(trx, input.reasonId);
    if (!row) {
      throw new AppError('unprocessable', 'sales.unknown_lost_reason', 'There is no such lost reason', [
        { path: fields.reasonId, message: 'Choose one of the lost reasons' },
      ]);
    }
    reasonId = row.id;
    reason ??= row.name;
  }
  if (!reason) {
    throw new AppError('unprocessable', 'sales.lost_reason_required', 'Say why the deal was lost', [
      { path: fields.reason, message: 'A lost deal needs a reason' },
    ]);
  }
  return { reason, reasonId };
}

/** The deal's columns after moving into `to` at `now`. */
export function stageFields(
  to: StageRef,
  now: string,
  lost?: { reason: string; reasonId: string | null },
): Partial<DealsTable> {
  const base = { stage_id: to.id, pipeline_id: to.pipeline_id, status: to.kind, stage_entered_at: now };
  if (to.kind === 'won') {
    return { ...base, won_at: now, lost_at: null, closed_at: now, lost_reason: null, lost_reason_id: null };
  }
  if (to.kind === 'lost') {
    if (!lost) throw new Error('a lost stage needs a reason');
    return {
      ...base,
      won_at: null,
      lost_at: now,
      closed_at: now,
      lost_reason: lost.reason,
      lost_reason_id: lost.reasonId,
    };
  }
  return { ...base, won_at: null, lost_at: null, closed_at: null, lost_reason: null, lost_reason_id: null };
}

/** What a move needs to know of a stage. */
export type StageRef = Pick<StageRow, 'id' | 'pipeline_id' | 'kind' | 'position'>;

/** The stage a deal is in, from its row. */
export function stageOfRow(deal: DealRow): StageRef {
  return {
    id: deal.stage_id,
    pipeline_id: deal.pipeline_id,
    kind: deal.stage_kind,
    position: deal.stage_position,
  };
}

/** Did the deal go on from `from` to a later stage (not backwards, not lost)? */
function advances(from: StageRef, to: StageRef): boolean {
  if (from.kind !== 'open' || from.pipeline_id !== to.pipeline_id) return false;
  return to.kind === 'won' || (to.kind === 'open' && to.position > from.position);
}

/** The first history entry of a new deal (from null). */
export async function recordCreation(trx: Tx, actor: Actor, deal: DealRow): Promise<void> {
  await insertHistory(trx, {
    id: uuidv7(),
    deal_id: deal.id,
    pipeline_id: deal.pipeline_id,
    from_stage_id: null,
    to_stage_id: deal.stage_id,
    changed_by: actor.userId,
    changed_at: deal.created_at,
    amount_cents: deal.amount_cents,
    deal_created_at: deal.created_at,
    first_entry: 1,
    advanced: 0,
    left_at: null,
    stay_seconds: null,
  });
}

/** History and events of a stage change; `before` and `after` are the deal around the change. */
export async function recordStageChange(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  change: { before: DealRow; after: DealRow; to: StageRef; now: string },
): Promise<void> {
  const { before, after, to, now } = change;
  const from = stageOfRow(before);
  await closeCurrentStay(trx, after.id, before.stage_entered_at, now);
  if (advances(from, to)) await markAdvanced(trx, after.id, from.id);
  await insertHistoryEntry(trx, {
    id: uuidv7(),
    deal_id: after.id,
    pipeline_id: to.pipeline_id,
    from_stage_id: from.id,
    to_stage_id: to.id,
    changed_by: actor.userId,
    changed_at: now,
    amount_cents: after.amount_cents,
    deal_created_at: after.created_at,
    advanced: 0,
    left_at: null,
    stay_seconds: null,
  });

  const amountCents = Number(after.amount_cents);
  if (before.status !== 'open' && to.kind !== before.status) {
    await publish(trx, clock, actor, 'deal.reopened', { dealId: after.id });
  }
  await publish(trx, clock, actor, 'deal.stage_changed', {
    dealId: after.id,
    pipelineId: to.pipeline_id,
    fromStageId: from.id,
    toStageId: to.id,
    amountCents,
  });
  if (to.kind === 'won' && before.status !== 'won') {
    await runWinChecks(trx, after.id, { clock, actor });
    await publish(trx, clock, actor, 'deal.won', {
      dealId: after.id,
      companyId: after.company_id,
      amountCents,
      currency: after.currency,
    });
  }
  if (to.kind === 'lost' && before.status !== 'lost') {
    await publish(trx, clock, actor, 'deal.lost', {
      dealId: after.id,
      companyId: after.company_id,
      reason: after.lost_reason ?? '',
    });
  }
}
