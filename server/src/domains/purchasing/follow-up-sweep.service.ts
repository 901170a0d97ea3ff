import { type Actor, systemActor } from '../../platform/actor';
import type { Db } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { getCompanyNames } from '../companies';
import { findTeamIdByName } from '../identity';
import { findFollowUpCandidates, markFollowUpRaised } from './purchase-orders.repository';
import { type PurchasingDeps, todayOf } from './purchasing.deps';
import { loadPurchasingSettings } from './purchasing-settings.service';

export const FOLLOW_UP_ACTOR: Actor = systemActor('job:purchasing.follow-up-sweep');

/** The team purchase follow-up tasks go to by default. */
export const PURCHASING_TEAM_NAME = 'Einkauf';

export interface FollowUpSweepResult {
  asOf: string;
  /** Orders that raised `po.overdue` in this run. */
  raised: number;
}

/** Who gets the follow-up: the settings' team, else the team "Einkauf", else (no team) the approver. */
async function followUpTeam(db: Db): Promise<string | null> {
  const settings = await loadPurchasingSettings(db);
  return settings.followUpTeamId ?? (await findTeamIdByName(db, PURCHASING_TEAM_NAME));
}

/**
 * The daily purchase follow-up: open orders (approved, sent, partially received) whose expected
 * date lies before today (company time zone) and whose follow-up was not raised get
 * `follow_up_raised_at` with a conditional UPDATE and raise `po.overdue` in the same transaction —
 * so two runs for a day, two workers at once or a rerun after a crash raise each order's event once.
 * The work domain makes the task from the event.
 */
export async function sweepPurchaseFollowUps(
  deps: PurchasingDeps,
  opts: { batchSize?: number; actor?: Actor } = {},
): Promise<FollowUpSweepResult> {
  const asOf = todayOf(deps);
  const batchSize = opts.batchSize ?? 500;
  const actor = opts.actor ?? FOLLOW_UP_ACTOR;
  const teamId = await followUpTeam(deps.db);
  let raised = 0;
  for (;;) {
    const batch = await deps.db.transaction().execute(async (trx) => {
      const candidates = await findFollowUpCandidates(trx, asOf, batchSize);
      if (candidates.length === 0) return null;
      const names = await getCompanyNames(
        trx,
        candidates.map((c) => c.supplier_id),
      );
      const now = deps.clock.now().toISOString();
      let count = 0;
      for (const c of candidates) {
        if (!(await markFollowUpRaised(trx, c.id, now))) continue;
        count++;
        await publish(trx, deps.clock, actor, 'po.overdue', {
          purchaseOrderId: c.id,
          number: c.number,
          supplierId: c.supplier_id,
          supplierName: names.get(c.supplier_id) ?? '',
          expectedDate: c.expected_date ?? asOf,
          overdueSince: asOf,
          teamId,
          assigneeId: teamId ? null : c.approved_by,
        });
      }
      return { seen: candidates.length, count };
    });
    if (!batch) break;
    raised += batch.count;
    if (batch.seen < batchSize || batch.count === 0) break;
  }
  return { asOf, raised };
}
