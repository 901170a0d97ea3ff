import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/http/errors';
import { isBuiltinRuleEnabled, recordBuiltinRuns } from '../automation';
import { getDealDetail } from '../sales';
import { invoiceResult } from './automation-actions';
import { DEAL_WON_INVOICE_RULE } from './automation-builtins';
import { draftFromDeal } from './invoices.from-deal';
import { formatEuro } from './pdf-blocks';

/**
 * A deal was won: when the built-in rule "Rechnung bei gewonnenem Deal" is on (its switch is the
 * billing setting `autoInvoiceOnWon`), its draft invoice is made as by `POST /api/deals/:id/invoice`
 * and the rule's run history shows it. Idempotent: the invoice's `source_key` `deal:<id>` is unique,
 * so a second delivery finds the invoice and does nothing (and records no second run). A deal
 * reopened before delivery is left alone; a deal that cannot be invoiced (e.g. its company was
 * merged away) is skipped with a log line — a person invoices it from the deal.
 */
export function subscribeInvoiceWonDeal(ctx: AppContext): void {
  ctx.events.subscribe('deal.won', 'billing.invoice-won-deal', async (event, h) => {
    if (!(await isBuiltinRuleEnabled(h.trx, DEAL_WON_INVOICE_RULE))) return;
    const deal = await getDealDetail(h.trx, event.payload.dealId);
    if (deal?.status !== 'won') return;
    const deps = { db: h.db, clock: h.clock, dialect: ctx.dialect, config: h.config };
    try {
      const { row, created } = await draftFromDeal(h.trx, deps, h.actor, deal);
      // an invoice a person made before this delivery is theirs, not the rule's
      if (!created) return;
      await recordBuiltinRuns(h.trx, h.clock, DEAL_WON_INVOICE_RULE, [
        {
          triggerKey: `event:${event.id}`,
          eventId: event.id,
          eventType: event.type,
          recordType: 'deal',
          recordId: deal.id,
          recordLabel: deal.title,
          reason: `Deal „${deal.title}“ gewonnen (${formatEuro(deal.amountCents)})`,
          results: [{ kind: 'create_invoice_from_deal', result: invoiceResult(row) }],
        },
      ]);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ctx.log.warn({ dealId: deal.id, code: err.code }, `won deal not invoiced: ${err.message}`);
    }
  });
}
