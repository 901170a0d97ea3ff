import type { CreateInvoice, Invoice } from '../../../../contracts/billing';
import type { DealDetail } from '../../../../contracts/sales';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import { isUniqueViolation, type Tx } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { getDealDetail } from '../sales';
import { canSeeOwned, insertDraft } from './invoices.drafts';
import { findInvoiceBySourceKey, type InvoiceRow } from './invoices.repository';
import { invoiceOf, today, unprocessable } from './invoices.service';
import type { BillingDeps } from './settings.service';

/** The lines of a won deal: its own lines, or one line with its title and amount. */
function linesOfDeal(deal: DealDetail): CreateInvoice['lines'] {
  if (deal.lines.length) {
    return deal.lines.map((l) => ({
      productId: l.productId,
      description: l.description,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      discountPercent: l.discountPercent,
      vatRate: l.vatRate as 19 | 7 | 0,
      // a 0 % deal line is not taxable here (category O) until someone chooses better on the draft
      ...(l.vatRate === 0 ? { vatCategory: 'O' as const, exemptionReason: 'Nicht steuerbar' } : {}),
    }));
  }
  return [{ description: deal.title, quantity: 1, unitPriceCents: deal.amountCents, vatRate: 19 }];
}

export const dealSourceKey = (dealId: string) => `deal:${dealId}`;

/**
 * The draft invoice of a won deal, in the caller's transaction: one deal, one invoice (`source_key`
 * `deal:<id>` is unique). Returns the existing invoice when there is one already (`created: false`).
 */
export async function draftFromDeal(
  trx: Tx,
  deps: BillingDeps,
  actor: Actor,
  deal: DealDetail,
): Promise<{ row: InvoiceRow; created: boolean }> {
  const existing = await findInvoiceBySourceKey(trx, dealSourceKey(deal.id));
  if (existing) return { row: existing, created: false };
  if (deal.status !== 'won') {
    throw unprocessable(
      'billing.deal_not_won',
      `Only a won deal can be invoiced; "${deal.title}" is ${deal.status}`,
      'dealId',
    );
  }
  const row = await insertDraft(
    trx,
    deps,
    actor,
    {
      companyId: deal.companyId,
      contactId: deal.contactId,
      dealId: deal.id,
      lines: linesOfDeal(deal),
      serviceDate: deal.wonAt ? businessDate(new Date(deal.wonAt), deps.config.timezone) : null,
    },
    { sourceKey: dealSourceKey(deal.id), ownerId: deal.ownerId, teamId: deal.teamId },
  );
  return { row, created: true };
}

/** POST /api/deals/:id/invoice: the won deal's draft invoice (the existing one on a second call). */
export async function invoiceDeal(
  deps: BillingDeps,
  actor: Actor,
  dealId: string,
): Promise<{ invoice: Invoice; created: boolean }> {
  const deal = await getDealDetail(deps.db, dealId);
  if (!deal || !(await canSeeOwned(deps.db, actor, deal.ownerId, deal.teamId)))
    throw notFound('deal', dealId);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { row, created } = await draftFromDeal(trx, deps, actor, deal);
      return { invoice: await invoiceOf(trx, row, today(deps)), created };
    });
  } catch (err) {
    // two clicks at once: the other one made it
    if (!isUniqueViolation(err)) throw err;
    const row = await findInvoiceBySourceKey(deps.db, dealSourceKey(dealId));
    if (!row) throw err;
    return { invoice: await invoiceOf(deps.db, row, today(deps)), created: false };
  }
}
