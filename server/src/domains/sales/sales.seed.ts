import { de, Faker } from '@faker-js/faker';
import type { CreateDeal, DealLineInput, DealSource } from '../../../../contracts/sales';
import { type Actor, systemActor } from '../../platform/actor';
import { FixedClock } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { getCompanySummaries, listCompanyIdsVisibleTo } from '../companies';
import { getUserSummary, listTeamIdsOfUser } from '../identity';
import { loseInTx, winInTx } from './close-deal.service';
import { changeDeal, insertNewDeal } from './deals.service';
import { listLostReasons } from './pipelines.repository';
import { loadPipeline } from './pipelines.service';

/** What the demo deals need of the seeders before: companies with their contacts, and the users. */
export interface SalesSeedInput {
  companies: ReadonlyArray<{ id: string; ownerId: string | null; contactIds: readonly string[] }>;
  /** Demo user key → user id (`sales`, `sales2`, `manager`, …). */
  users: Record<string, string>;
}

const DAY = 86_400_000;
const DEAL_COUNT = 300;

const PRODUCTS: Array<{ name: string; priceCents: number; unit: 'piece' | 'hour' | 'month'; vat: 19 | 7 }> = [
  { name: 'CNC-Fräsmaschine KM 500', priceCents: 8_950_000, unit: 'piece', vat: 19 },
  { name: 'Drehmaschine DM 320', priceCents: 5_480_000, unit: 'piece', vat: 19 },
  { name: 'Spannvorrichtung SV-12', priceCents: 189_000, unit: 'piece', vat: 19 },
  { name: 'Ersatzteilpaket Spindel', priceCents: 42_500, unit: 'piece', vat: 19 },
  { name: 'Wartungsvertrag Premium', priceCents: 89_000, unit: 'month', vat: 19 },
  { name: 'Inbetriebnahme vor Ort', priceCents: 12_500, unit: 'hour', vat: 19 },
  { name: 'Bedienerschulung', priceCents: 9_800, unit: 'hour', vat: 19 },
  { name: 'Fachbuch Zerspanungstechnik', priceCents: 6_990, unit: 'piece', vat: 7 },
];

const TITLES = [
  'Neue Fertigungslinie',
  'Ersatz Drehmaschine',
  'Wartung und Service',
  'Modernisierung Maschinenpark',
  'Erweiterung Werk',
  'Rahmenvertrag Ersatzteile',
  'Schulungspaket',
  'Automatisierung Montage',
];

const SOURCES: DealSource[] = ['website', 'referral', 'fair', 'cold_call', 'campaign', 'partner', 'other'];

function linesFor(f: Faker): DealLineInput[] {
  return Array.from({ length: f.number.int({ min: 1, max: 4 }) }, () => {
    const p = f.helpers.arrayElement(PRODUCTS);
    const quantity =
      p.unit === 'hour'
        ? f.number.int({ min: 4, max: 40 })
        : p.unit === 'month'
          ? 12
          : p.priceCents > 1_000_000
            ? f.number.int({ min: 1, max: 3 })
            : f.number.int({ min: 1, max: 50 });
    return {
      description: p.name,
      quantity,
      unitPriceCents: p.priceCents,
      discountPercent: f.helpers.weightedArrayElement([
        { weight: 6, value: 0 },
        { weight: 2, value: 5 },
        { weight: 1, value: 10 },
        { weight: 1, value: 12.5 },
      ]),
      vatRate: p.vat,
    };
  });
}

/**
 * ~300 demo deals over the last 12 months with a plausible history: each starts as a lead (or
 * qualified), then moves on, gets lost or stays put, step by step in the past (the services run with
 * a clock set to each step's moment, so history, audit and events carry those times). The owner acts.
 * Deterministic (fixed faker seed). Skips when deals exist already.
 */
export async function seedSalesDeals(ctx: AppContext, input: SalesSeedInput): Promise<number> {
  const existing = await ctx.db
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;

  const f = new Faker({ locale: [de] });
  f.seed(20261126);
  const pipeline = await loadPipeline(ctx.db);
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const reasons = await listLostReasons(ctx.db);
  const ownerKeys = ['sales', 'sales2', 'manager'].filter((k) => input.users[k]);
  const owners: Actor[] = [];
  for (const key of ownerKeys) {
    const userId = input.users[key]!;
    owners.push({
      userId,
      // the history names them as people do ("Lukas Wagner"), not by their demo key
      name: (await getUserSummary(ctx.db, userId))?.name ?? key,
      role: key === 'manager' ? 'manager' : 'sales',
      teamIds: await listTeamIdsOfUser(ctx.db, userId),
      origin: 'seed',
    });
  }
  // Companies a seller owns (and so may see): the owner sells to it.
  const companies = input.companies.filter((c) => owners.some((o) => o.userId === c.ownerId));
  if (companies.length === 0) return 0;

  const now = ctx.clock.now().getTime();
  const clock = new FixedClock(new Date(now));
  const deps = { db: ctx.db, clock };
  // one formatter for all dates (businessDate makes one per call)
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: ctx.config.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const dateOf = (ms: number) => day.format(new Date(ms));
  const dateIn = (days: number) => dateOf(now + days * DAY);

  for (let i = 0; i < DEAL_COUNT; i++) {
    const company = f.helpers.arrayElement(companies);
    const actor = owners.find((o) => o.userId === company.ownerId)!;
    const createdAt =
      now - f.number.int({ min: 2, max: 365 }) * DAY - f.number.int({ min: 0, max: 8 * 3600_000 });
    const startIndex = f.datatype.boolean({ probability: 0.7 }) ? 0 : 1;

    // The walk, planned first: at each open stage go on (70 %), lose it (10 %) or stay (20 %).
    const steps: Array<{ at: number; to: 'next' | 'won' | 'lost' }> = [];
    for (let at = createdAt, index = startIndex; ; ) {
      at += f.number.int({ min: 3, max: 28 }) * DAY + f.number.int({ min: 0, max: 6 * 3600_000 });
      const roll = f.number.float({ min: 0, max: 1 });
      if (at >= now || roll >= 0.8) break;
      if (roll >= 0.7) {
        steps.push({ at, to: 'lost' });
        break;
      }
      if (index + 1 >= open.length) {
        steps.push({ at, to: 'won' });
        break;
      }
      index += 1;
      steps.push({ at, to: 'next' });
    }
    const last = steps[steps.length - 1];
    // Closed deals were expected to close about when they did; open ones around today.
    const expectedCloseDate =
      last && last.to !== 'next' ? dateOf(last.at) : dateIn(f.number.int({ min: -20, max: 150 }));

    const withLines = f.datatype.boolean({ probability: 0.4 });
    const input: CreateDeal = {
      title: `${f.helpers.arrayElement(TITLES)} ${f.location.city()}`,
      companyId: company.id,
      contactId:
        company.contactIds.length && f.datatype.boolean({ probability: 0.7 })
          ? f.helpers.arrayElement(company.contactIds)
          : null,
      source: f.helpers.arrayElement(SOURCES),
      expectedCloseDate,
      stageId: open[startIndex]!.id,
      ...(withLines
        ? { lines: linesFor(f) }
        : { amountCents: f.number.int({ min: 20, max: 1500 }) * 10_000 }),
    };
    const reason = f.helpers.arrayElement(reasons);
    // One transaction per deal: its creation and each move, each at its own moment.
    await ctx.db.transaction().execute(async (trx) => {
      clock.set(new Date(createdAt));
      let deal = await insertNewDeal(trx, deps, actor, input);
      let index = startIndex;
      for (const step of steps) {
        clock.set(new Date(step.at));
        const version = deal.version;
        if (step.to === 'lost')
          deal = await loseInTx(trx, deps, actor, deal.id, { version, reasonId: reason.id });
        else if (step.to === 'won') deal = await winInTx(trx, deps, actor, deal.id, { version });
        else
          deal = await changeDeal(trx, deps, actor, deal.id, { version, stageId: open[++index]!.id }, deal);
      }
    });
  }
  return DEAL_COUNT;
}

/**
 * The sales seeder of the demo company (SEEDERS in seed.ts, after the companies seeder): the demo
 * deals for the companies and users the seeders before it made.
 */
export async function seedSales(
  ctx: AppContext,
  _actor: Actor,
  demo: { users: Record<string, string> },
): Promise<void> {
  const companies = await demoCompanies(ctx);
  const count = await seedSalesDeals(ctx, { companies, users: demo.users });
  if (count) ctx.log.info({ deals: count }, 'demo deals seeded');
}

/** The demo companies that buy (not the pure suppliers), read through the companies domain. */
async function demoCompanies(ctx: AppContext): Promise<SalesSeedInput['companies']> {
  const ids = await listCompanyIdsVisibleTo(ctx.db, systemActor('seed'));
  const companies = await getCompanySummaries(ctx.db, ids);
  return [...companies.values()]
    .filter((c) => !c.mergedIntoId && c.roles.some((r) => r !== 'supplier'))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((c) => ({ id: c.id, ownerId: c.ownerId, contactIds: [] }));
}
