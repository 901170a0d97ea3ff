import { type Actor, systemActor } from '../../platform/actor';
import { businessDate, FixedClock } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { asOfInstant } from '../../platform/jobs/run-job';
import { listCompanyIdsVisibleTo } from '../companies';
import { findTeamIdByName } from '../identity';
import { getDealDetail, listDealsOfCompany } from '../sales';
import { addDays } from './business-dates';
import { sweepDueInvoices } from './due-sweep.service';
import { updateInvoice } from './invoices.drafts';
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

/** At most this many won deals are invoiced in the demo (plus the dunning examples below). */
const MAX_DEMO_INVOICES = 15;

/**
 * Further won deals invoiced so that their due dates lie this many days before today: with the
 * replayed sweeps below they stand at dunning levels 4, 3, 2 and 1 (schedule 7/21/35/49 days).
 */
const DUNNING_EXAMPLES_DAYS_OVERDUE = [52, 38, 24, 10];
const DUNNING_EXAMPLES_PAYMENT_DAYS = 14;

/**
 * The demo replays the due sweep once a week over this many weeks before today (overdue marking,
 * dunning): the schedule's days (7/21/35/49) are whole weeks, so the levels come out as daily runs
 * would give them, at a tenth of the cost.
 */
const SWEEP_HISTORY_WEEKS = 9;

/**
 * The billing seeder (SEEDERS in seed.ts, after sales): complete seller settings, and invoices for
 * the demo's won deals, issued on the day each deal was won: those not yet due stay open, of the
 * others two in three are paid shortly before their due date and every third stays unpaid, so the
 * demo has overdue invoices by various days. On the first run four more won deals are invoiced with
 * due dates 52, 38, 24 and 10 days back, and the due sweep of the last nine weeks is replayed
 * (as of each week), so the overdue invoices stand at different dunning levels with their notices and
 * collection tasks. Deterministic (oldest won deal first) and idempotent: settings already filled in
 * are kept, a deal with an invoice is skipped, replayed sweeps write nothing twice.
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
  const firstRun = !(await ctx.db.selectFrom('invoices').select('id').limit(1).executeTakeFirst());
  const companyIds = await listCompanyIdsVisibleTo(ctx.db, actor);
  const won = [];
  for (const companyId of companyIds) {
    for (const deal of await listDealsOfCompany(ctx.db, companyId, 500)) {
      if (deal.status === 'won' && deal.wonAt) won.push(deal);
    }
  }
  won.sort((a, b) => a.wonAt!.localeCompare(b.wonAt!) || a.id.localeCompare(b.id));
  // plan first, then issue in the order of the issue dates, so numbers follow the dates
  type PlanKind = 'paid' | 'overdue' | 'open' | 'dunning';
  const plan: Array<{
    deal: NonNullable<Awaited<ReturnType<typeof getDealDetail>>>;
    kind: PlanKind;
    issueDate: string;
  }> = [];
  for (const [i, summary] of won.slice(0, MAX_DEMO_INVOICES).entries()) {
    const deal = await getDealDetail(ctx.db, summary.id);
    if (!deal) continue;
    const wonOn = businessDate(new Date(deal.wonAt!), ctx.config.timezone);
    const kind = (['paid', 'overdue', 'open'] as const)[i % 3]!;
    // open ones: issued in the last days (not yet due); the others on the day the deal was won
    const issueDate = kind === 'open' ? [addDays(today, -(i % 7)), wonOn].sort()[1]! : wonOn;
    plan.push({ deal, kind, issueDate: [issueDate, today].sort()[0]! });
  }
  if (firstRun) {
    // the dunning examples: the next won deals that were won before their invoice's issue date
    const rest = won.slice(MAX_DEMO_INVOICES);
    for (const days of DUNNING_EXAMPLES_DAYS_OVERDUE) {
      const issueDate = addDays(today, -days - DUNNING_EXAMPLES_PAYMENT_DAYS);
      const k = rest.findIndex((d) => businessDate(new Date(d.wonAt!), ctx.config.timezone) <= issueDate);
      if (k < 0) continue;
      const deal = await getDealDetail(ctx.db, rest.splice(k, 1)[0]!.id);
      if (deal) plan.push({ deal, kind: 'dunning', issueDate });
    }
  }
  plan.sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.deal.id.localeCompare(b.deal.id));
  let made = 0;
  for (const { deal, kind, issueDate } of plan) {
    const { row, created } = await ctx.db
      .transaction()
      .execute((trx) => draftFromDeal(trx, ctx, actor, deal));
    if (!created) continue;
    let version = row.version;
    if (kind === 'dunning' && row.payment_days !== DUNNING_EXAMPLES_PAYMENT_DAYS) {
      version = (
        await updateInvoice(ctx, actor, row.id, { version, paymentDays: DUNNING_EXAMPLES_PAYMENT_DAYS })
      ).version;
    }
    const issued = await issueInvoice(ctx, actor, row.id, { version, issueDate });
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
  // the overdue ones get their collection tasks and dunning notices as the nightly due sweep would
  // have made them (the tasks once the events are delivered)
  for (let week = firstRun ? SWEEP_HISTORY_WEEKS : 0; week >= 0; week--) {
    const day = week * 7;
    const asOf = addDays(today, -day);
    await sweepDueInvoices(
      { ...ctx, clock: day === 0 ? ctx.clock : new FixedClock(asOfInstant(asOf, ctx.config.timezone)) },
      { actor },
    );
  }
}
