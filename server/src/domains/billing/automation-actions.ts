import type { ActionResult } from '../../../../contracts/automation-runs';
import type { DealDetail } from '../../../../contracts/sales';
import { AppError } from '../../platform/http/errors';
import { dialectOf } from '../../platform/search/dialect';
import { type ActionContext, registerAction } from '../automation';
import { getDealDetail } from '../sales';
import { dealSourceKey, draftFromDeal } from './invoices.from-deal';
import { findInvoiceBySourceKey, type InvoiceRow } from './invoices.repository';
import { formatEuro } from './pdf-blocks';

const STATUS_DE: Record<string, string> = { open: 'offen', won: 'gewonnen', lost: 'verloren' };

/** The result an action run links to: the invoice (a draft has no number yet). */
export function invoiceResult(row: InvoiceRow): ActionResult {
  return {
    entityType: 'invoice',
    entityId: row.id,
    label: row.number ?? `Rechnungsentwurf ${row.buyer_name} (${formatEuro(Number(row.gross_cents))})`,
  };
}

function dealOf(root: ActionContext['root']): string {
  if (root?.type !== 'deal') {
    throw new AppError('unprocessable', 'billing.not_a_deal', 'An invoice is made from a deal only');
  }
  return root.id;
}

/**
 * `create_invoice_from_deal`: the won deal's draft invoice, made as by `POST /api/deals/:id/invoice`
 * and by billing's own deal-won handler (`draftFromDeal`: the deal's lines, its owner and team).
 * One deal, one invoice: a deal invoiced already (by a person, the built-in rule or an earlier run)
 * gets no second — the run is done with no result, as it made nothing. A deal that is not won is
 * refused (the run fails with the reason), as is one whose customer was merged away.
 */
export function registerCreateInvoiceFromDeal(): void {
  registerAction({
    kind: 'create_invoice_from_deal',
    recordTypes: ['deal'],
    async validate(_db, _action, rootType) {
      return rootType === 'deal' ? null : 'Only a rule about a deal can make an invoice from it';
    },
    async describe(ctx) {
      const dealId = ctx.root?.type === 'deal' ? ctx.root.id : null;
      if (!dealId) return { description: 'Rechnungsentwurf aus dem Deal anlegen', problem: 'Kein Deal' };
      const deal = await getDealDetail(ctx.db, dealId);
      if (!deal)
        return { description: 'Rechnungsentwurf aus dem Deal anlegen', problem: 'Deal nicht gefunden' };
      const existing = await findInvoiceBySourceKey(ctx.db, dealSourceKey(deal.id));
      if (existing) {
        return {
          description: `Der Deal „${deal.title}“ hat schon die Rechnung ${invoiceResult(existing).label} – keine zweite`,
          problem: null,
        };
      }
      return {
        description: draftDescription(deal),
        problem:
          deal.status === 'won'
            ? null
            : `Der Deal „${deal.title}“ ist ${STATUS_DE[deal.status] ?? deal.status}: nur gewonnene Deals werden berechnet`,
      };
    },
    async execute(ctx) {
      const deal = await getDealDetail(ctx.trx, dealOf(ctx.root));
      if (!deal)
        throw new AppError('not_found', 'billing.unknown_deal', `Deal ${ctx.root?.id} does not exist`);
      const deps = { db: ctx.trx, clock: ctx.clock, dialect: dialectOf(ctx.trx), config: ctx.config };
      const { row, created } = await draftFromDeal(ctx.trx, deps, ctx.actor, deal);
      // an invoice made before (by a person, the built-in rule or another run) is not this run's:
      // linking it as the result would show "created by rule" on it (provenance)
      return created ? invoiceResult(row) : null;
    },
  });
}

/** "Rechnungsentwurf für „Wartung 2027“ an Müller GmbH über 12.000,00 € (netto) anlegen". */
function draftDescription(deal: DealDetail): string {
  const to = deal.companyName ? ` an ${deal.companyName}` : '';
  return `Rechnungsentwurf für „${deal.title}“${to} über ${formatEuro(deal.amountCents)} (netto) anlegen`;
}
