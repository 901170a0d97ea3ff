import type { Deal, DealLine, LostReason, Pipeline, Stage, StageChange } from '../../../../contracts/sales';
import { toBool } from '../../platform/db/database';
import { weightedCents } from './deal-amounts';
import type { DealLineRow, DealRow, StageHistoryRow } from './deals.repository';
import type { LostReasonRow, PipelineRow, StageRow } from './pipelines.repository';

export function toStage(row: StageRow): Stage {
  return { id: row.id, name: row.name, position: row.position, probability: row.probability, kind: row.kind };
}

export function toPipeline(row: PipelineRow, stages: StageRow[]): Pipeline {
  return {
    id: row.id,
    name: row.name,
    isDefault: toBool(row.is_default),
    stages: stages.map(toStage),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toLostReason(row: LostReasonRow): LostReason {
  return { id: row.id, name: row.name, position: row.position, createdAt: row.created_at };
}

/** Names shown with a deal, looked up in other domains. */
export interface DealNames {
  companyName: string | null;
  ownerName: string | null;
}

export function toDeal(row: DealRow, names: DealNames): Deal {
  const amountCents = Number(row.amount_cents);
  return {
    id: row.id,
    title: row.title,
    companyId: row.company_id,
    companyName: names.companyName,
    contactId: row.contact_id,
    ownerId: row.owner_id,
    ownerName: names.ownerName,
    teamId: row.team_id,
    source: row.source,
    expectedCloseDate: row.expected_close_date,
    currency: 'EUR',
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    stageName: row.stage_name,
    probability: row.probability,
    status: row.status,
    amountCents,
    weightedAmountCents: weightedCents(amountCents, row.probability),
    hasLines: toBool(row.has_lines),
    stageEnteredAt: row.stage_entered_at,
    wonAt: row.won_at,
    lostAt: row.lost_at,
    closedAt: row.closed_at,
    lostReason: row.lost_reason,
    lostReasonId: row.lost_reason_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toDealLine(row: DealLineRow): DealLine {
  return {
    id: row.id,
    position: row.position,
    productId: row.product_id,
    description: row.description,
    quantity: Number(row.quantity_milli) / 1000,
    unitPriceCents: Number(row.unit_price_cents),
    discountPercent: row.discount_bp / 100,
    vatRate: row.vat_rate,
    netCents: Number(row.net_cents),
  };
}

export function toStageChange(
  row: StageHistoryRow,
  stageNames: Map<string, string>,
  userNames: Map<string, string>,
): StageChange {
  return {
    id: row.id,
    fromStageId: row.from_stage_id,
    fromStageName: row.from_stage_id ? (stageNames.get(row.from_stage_id) ?? null) : null,
    toStageId: row.to_stage_id,
    toStageName: stageNames.get(row.to_stage_id) ?? '',
    changedBy: row.changed_by,
    changedByName: row.changed_by ? (userNames.get(row.changed_by) ?? null) : null,
    changedAt: row.changed_at,
    amountCents: Number(row.amount_cents),
  };
}

/** A deal as the audit trail records it: its fields (without looked-up names) and its lines. */
export function dealAuditSnapshot(row: DealRow, lines?: DealLineRow[]): Record<string, unknown> {
  const {
    companyName: _c,
    ownerName: _o,
    stageName: _s,
    weightedAmountCents: _w,
    probability: _p,
    ...fields
  } = toDeal(row, { companyName: null, ownerName: null });
  if (!lines) return fields;
  return {
    ...fields,
    lines: lines.map(toDealLine).map((l) => ({
      description: l.description,
      productId: l.productId,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      discountPercent: l.discountPercent,
      vatRate: l.vatRate,
      netCents: l.netCents,
    })),
  };
}

export function pipelineAuditSnapshot(p: Pipeline): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    isDefault: p.isDefault,
    stages: p.stages.map((s) => ({ id: s.id, name: s.name, probability: s.probability, kind: s.kind })),
    createdAt: p.createdAt,
  };
}
