import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { type DealRow, findDealsOfCompany, findDealsOfContact, updateDeal } from './deals.repository';

/**
 * Duplicates were merged: the deals of the merged-away company (contact) now belong to the one that
 * was kept. Idempotent: a second delivery finds no deal left on the old id. Each re-pointed deal
 * gets a new version and an audit entry made by `event:<type>`.
 */
async function repoint(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  deals: DealRow[],
  field: 'company_id' | 'contact_id',
  targetId: string,
) {
  const now = clock.now().toISOString();
  const auditField = field === 'company_id' ? 'companyId' : 'contactId';
  for (const deal of deals) {
    if (!(await updateDeal(trx, deal.id, deal.version, { [field]: targetId, updated_at: now }))) {
      // Changed by someone in between: the delivery is retried and reads it again.
      throw new Error(`Deal ${deal.id} changed while its ${auditField} was re-pointed`);
    }
    await recordAudit(trx, clock, actor, {
      entityType: 'deal',
      entityId: deal.id,
      before: { [auditField]: deal[field] },
      after: { [auditField]: targetId },
    });
  }
}

export function subscribeMergeRepointing(ctx: AppContext): void {
  ctx.events.subscribe('company.merged', 'sales.repoint-deals', async (event, h) => {
    const { sourceId, targetId } = event.payload;
    if (sourceId === targetId) return;
    await repoint(h.trx, h.clock, h.actor, await findDealsOfCompany(h.trx, sourceId), 'company_id', targetId);
  });
  ctx.events.subscribe('contact.merged', 'sales.repoint-deal-contacts', async (event, h) => {
    const { sourceId, targetId } = event.payload;
    if (sourceId === targetId) return;
    await repoint(h.trx, h.clock, h.actor, await findDealsOfContact(h.trx, sourceId), 'contact_id', targetId);
  });
}
