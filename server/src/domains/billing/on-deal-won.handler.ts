import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/http/errors';
import { getDealDetail } from '../sales';
import { draftFromDeal } from './invoices.from-deal';
import { getBillingSettings } from './settings.repository';

/**
 * A deal was won: when the billing settings say so (`autoInvoiceOnWon`), its draft invoice is made
 * as by `POST /api/deals/:id/invoice`. Idempotent: the invoice's `source_key` `deal:<id>` is unique,
 * so a second delivery finds the invoice and does nothing. A deal reopened before delivery is left
 * alone; a deal that cannot be invoiced (e.g. its company was merged away) is skipped with a log
 * line — a person invoices it from the deal.
 */
export function subscribeInvoiceWonDeal(ctx: AppContext): void {
  ctx.events.subscribe('deal.won', 'billing.invoice-won-deal', async (event, h) => {
    const settings = await getBillingSettings(h.trx);
    if (!settings.autoInvoiceOnWon) return;
    const deal = await getDealDetail(h.trx, event.payload.dealId);
    if (deal?.status !== 'won') return;
    const deps = { db: h.db, clock: h.clock, dialect: ctx.dialect, config: h.config };
    try {
      await draftFromDeal(h.trx, deps, h.actor, deal);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ctx.log.warn({ dealId: deal.id, code: err.code }, `won deal not invoiced: ${err.message}`);
    }
  });
}
