import { type Actor, systemActor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { listCompanyIdsVisibleTo } from '../companies';
import { findTeamIdByName } from '../identity';
import { getDealDetail, listDealsOfCompany } from '../sales';
import { addDays } from './business-dates';
import { sweepDueInvoices } from './due-sweep.service';
import { draftFromDeal } from './invoices.from-deal';
import { issueInvoice } from './invoices.issue';
import { recordPayment } from './payments.service';
import { getBillingSettings } from './settings.repository';
import { updateSettings } from './settings.service';

/** The demo company's own data on its invoices (a valid German IBAN and VAT ID). */
const DEMO_SELLER = {
  sellerName: 'Muster Maschinenbau GmbH',
  street: 'Industriestraße 12',
  postalCode: '20095',
  city: 'Hamburg',
  country: 'DE',
  vatId: 'DE123456789',
  taxNumber: '22/815/08154',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank Hamburg',
  email: 'buchhaltung@muster-maschinenbau.de',
  phone: '+49 40 1234560',
};

/** The team collection tasks go to (created with the demo teams in seed.ts). */
export const COLLECTIONS_TEAM = 'Vertrieb & Inkasso';

/** At most this many won deals are invoiced in the demo. */
const MAX_DEMO_INVOICES = 15;

/**
 * The billing seeder (SEEDERS in seed.ts, after sales): complete seller settings, and invoices for
 * the demo's won deals, issued on the day each deal was won: those not yet due stay open, of the
 * others two in three are paid shortly before their due date and every third stays unpaid, so the
 * demo has overdue invoices by various days. Deterministic (oldest won deal first) and idempotent:
 * settings already filled in are kept, a deal with an invoice is skipped.
 */
export async function seedBilling(ctx: AppContext, _actor: Actor, _demo?: unknown): Promise<void> {
  const actor = systemActor('seed');
  const settings = await getBillingSettings(ctx.db);
  if (!settings.street) {
    await updateSettings(ctx, actor, { version: settings.version, ...DEMO_SELLER });
  }
  const collections = await getBillingSettings(ctx.db);
  const collectionsTeamId = await findTeamIdByName(ctx.db, COLLECTIONS_TEAM);
  if (!collections.collectionsTeamId && collectionsTeamId) {
    await updateSettings(ctx, actor, { version: collections.version, collectionsTeamId });
  }
  const today = businessDate(ctx.clock.now(), ctx.config.timezone);
  const companyIds = await listCompanyIdsVisibleTo(ctx.db, actor);
  const won = [];
  for (const companyId of companyIds) {
    for (const deal of await listDealsOfCompany(ctx.db, companyId, 500)) {
      if (deal.status === 'won' && deal.wonAt) won.push(deal);
    }
  }
  won.sort((a, b) => a.wonAt!.localeCompare(b.wonAt!) || a.id.localeCompare(b.id));
  // plan first, then issue in the order of the issue dates, so numbers follow the dates
  const plan = [];
  for (const [i, summary] of won.slice(0, MAX_DEMO_INVOICES).entries()) {
    const deal = await getDealDetail(ctx.db, summary.id);
    if (!deal) continue;
    const wonOn = businessDate(new Date(deal.wonAt!), ctx.config.timezone);
    const kind = (['paid', 'overdue', 'open'] as const)[i % 3]!;
    // open ones: issued in the last days (not yet due); the others on the day the deal was won
    const issueDate = kind === 'open' ? [addDays(today, -(i % 7)), wonOn].sort()[1]! : wonOn;
    plan.push({ deal, kind, issueDate: [issueDate, today].sort()[0]! });
  }
  plan.sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.deal.id.localeCompare(b.deal.id));
  let made = 0;
  for (const { deal, kind, issueDate } of plan) {
    const { row, created } = await ctx.db
      .transaction()
      .execute((trx) => draftFromDeal(trx, ctx, actor, deal));
    if (!created) continue;
    const issued = await issueInvoice(ctx, actor, row.id, { version: row.version, issueDate });
    made += 1;
    if (kind !== 'paid' || !issued.dueDate || issued.dueDate >= today) continue;
    const paidOn = [addDays(issued.dueDate, -2), today].sort()[0]!;
    await recordPayment(ctx, actor, issued.id, {
      amountCents: issued.grossCents,
      date: [paidOn, issueDate].sort()[1]!,
      method: 'bank_transfer',
      reference: issued.number,
    });
  }
  if (made) ctx.log.info({ invoices: made }, 'demo invoices seeded');
  // the overdue ones get their collection tasks as the nightly due sweep would (once the events are delivered)
  await sweepDueInvoices(ctx);
}
