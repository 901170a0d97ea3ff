import type { TimelineEntry } from '../../../../contracts/companies';
import { beforePosition, entryId, type TimelineSource } from '../companies';
import { getUserSummaries } from '../identity';
import { listHistoryOfCompanyDeals } from './deals.repository';

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

/**
 * The company timeline's deal entries: each step of the stage history of the company's deals
 * (created, moved, won, lost), as far as the viewer may see the deals.
 */
export const dealTimelineSource: TimelineSource = {
  name: 'sales.deals',
  kinds: ['deal'],
  async load({ db, actor, companyId, before, limit }) {
    const rows = await listHistoryOfCompanyDeals(
      db,
      actor,
      companyId,
      beforePosition('deal', 'deal_stage_history.changed_at', 'deal_stage_history.id', before),
      limit,
    );
    const users = await getUserSummaries(
      db,
      rows.flatMap((r) => (r.changed_by ? [r.changed_by] : [])),
    );
    return rows.map((r): TimelineEntry => {
      const amount = euro.format(Number(r.amount_cents) / 100);
      const summary = !r.from_stage_id
        ? `Deal "${r.title}" created in ${r.to_name} (${amount})`
        : r.to_kind === 'won'
          ? `Deal "${r.title}" won (${amount})`
          : r.to_kind === 'lost'
            ? `Deal "${r.title}" lost`
            : `Deal "${r.title}" moved from ${r.from_name ?? '?'} to ${r.to_name}`;
      return {
        kind: 'deal',
        id: entryId('deal', r.id),
        at: r.changed_at,
        actorId: r.changed_by,
        actorName: r.changed_by ? (users.get(r.changed_by)?.name ?? null) : null,
        summary,
        ref: { type: 'deal', id: r.deal_id },
        data: {
          dealId: r.deal_id,
          title: r.title,
          fromStage: r.from_name,
          toStage: r.to_name,
          toKind: r.to_kind,
          amountCents: Number(r.amount_cents),
        },
      };
    });
  },
};
