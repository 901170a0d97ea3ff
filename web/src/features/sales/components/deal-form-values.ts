import type { DealDetail } from '../../../../../contracts/sales';
import { todayBusinessDate } from '../../../lib/format';
import { type LineValues, lineFromDeal, linesToInput } from './line-values';

/** The deal form's values: a new deal's defaults, a deal as edited. */

export interface DealFormValues extends Record<string, unknown> {
  title: string;
  companyId: string | null;
  contactId: string | null;
  ownerId: string | null;
  teamId: string | null;
  source: string | null;
  expectedCloseDate: string | null;
  pipelineId: string | null;
  stageId: string | null;
  mode: 'amount' | 'lines';
  amount: number | string;
  lines: LineValues[];
}

/** Today + `days` as `YYYY-MM-DD` (a new deal is expected to close in a month unless told otherwise). */
function daysFromToday(days: number): string {
  const [y, m, d] = todayBusinessDate().split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** A new deal: owned by `ownerId`, closing in a month, with what the caller knows (pipeline, stage, company). */
export function emptyDealValues(ownerId: string, defaults: Partial<DealFormValues>): DealFormValues {
  return {
    title: '',
    companyId: null,
    contactId: null,
    ownerId,
    teamId: null,
    source: 'other',
    expectedCloseDate: daysFromToday(30),
    pipelineId: null,
    stageId: null,
    mode: 'amount',
    amount: '',
    lines: [],
    ...defaults,
  };
}

export function valuesFromDeal(deal: DealDetail): DealFormValues {
  return {
    title: deal.title,
    companyId: deal.companyId,
    contactId: deal.contactId,
    ownerId: deal.ownerId,
    teamId: deal.teamId,
    source: deal.source,
    expectedCloseDate: deal.expectedCloseDate,
    pipelineId: deal.pipelineId,
    stageId: deal.stageId,
    mode: deal.hasLines ? 'lines' : 'amount',
    amount: deal.hasLines ? '' : deal.amountCents / 100,
    lines: deal.lines.map(lineFromDeal),
  };
}

/** Whether two line lists send the same input (an edit leaves unchanged lines out). */
export const sameLines = (a: LineValues[], b: LineValues[]) =>
  JSON.stringify(linesToInput(a)) === JSON.stringify(linesToInput(b));
