import type { Role } from '../../contracts/permissions';
import { seedAutomation } from './domains/automation';
import { seedBilling } from './domains/billing';
import { seedCatalog } from './domains/catalog';
import { seedCompanies } from './domains/companies';
import {
  addTeamMember,
  countUsers,
  createTeam,
  createUser,
  findTeamIdByName,
  findUserSummaryByEmail,
} from './domains/identity';
import { seedInventory } from './domains/inventory';
import { seedPurchasing } from './domains/purchasing';
import { listPipelines, seedSales } from './domains/sales';
import { seedWork } from './domains/work';
import { type Actor, systemActor } from './platform/actor';
import type { AppContext } from './platform/context';
import { refreshStatistics } from './platform/db/statistics';

/**
 * The demo company "Muster Maschinenbau GmbH", made through the domains' own service functions so
 * it has audit entries and events like anything a person creates. Each domain adds one seeder to
 * SEEDERS; a seeder finds what earlier ones made in `DemoData` and must be idempotent (skip what
 * exists), because `kontor seed` may run it on a database that already has data.
 */
export const DEMO_COMPANY = 'Muster Maschinenbau GmbH';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

/** What the seeders made so far, by demo key, for the seeders after them. */
export interface DemoData {
  /** Demo user key (`admin`, `manager`, `sales`, `sales2`, `accounting`, `purchasing`) → user id. */
  users: Record<string, string>;
  /** Team name → team id. */
  teams: Record<string, string>;
  /** Logins of the users created in this run. */
  logins: DemoLogin[];
}

export type DomainSeeder = (ctx: AppContext, actor: Actor, demo: DemoData) => Promise<void>;

interface DemoUser {
  key: string;
  name: string;
  role: Role;
  locale: 'de' | 'en';
  /** The demo key of the user's manager (made earlier in this list). */
  reportsTo?: string;
}

const DEMO_USERS: DemoUser[] = [
  { key: 'admin', name: 'Katrin Hoffmann', role: 'admin', locale: 'de' },
  { key: 'manager', name: 'Thomas Becker', role: 'manager', locale: 'de' },
  { key: 'sales', name: 'Julia Schneider', role: 'sales', locale: 'de', reportsTo: 'manager' },
  { key: 'sales2', name: 'Lukas Wagner', role: 'sales', locale: 'de', reportsTo: 'manager' },
  { key: 'accounting', name: 'Sabine Fischer', role: 'accounting', locale: 'de' },
  { key: 'purchasing', name: 'Michael Weber', role: 'purchasing', locale: 'de' },
];

const DEMO_TEAMS: Array<{ name: string; description: string; members: string[] }> = [
  {
    name: 'Vertrieb Nord',
    description: 'Kunden in Hamburg, Bremen, Niedersachsen und Schleswig-Holstein',
    members: ['manager', 'sales'],
  },
  {
    name: 'Vertrieb Süd',
    description: 'Kunden in Bayern und Baden-Württemberg',
    members: ['manager', 'sales2'],
  },
  { name: 'Buchhaltung', description: 'Rechnungen, Zahlungseingänge und Mahnwesen', members: ['accounting'] },
  {
    name: 'Vertrieb & Inkasso',
    description: 'Überfällige Rechnungen: Inkasso-Aufgaben aus dem täglichen Fälligkeitslauf',
    members: ['sales', 'sales2', 'accounting'],
  },
  { name: 'Einkauf', description: 'Lieferanten, Bestellungen und Wareneingang', members: ['purchasing'] },
];

export const demoEmail = (key: string) => `${key}@kontor.demo`;
export const demoPassword = (key: string) => `kontor-demo-${key}`;

/** Users (one per role, two in sales) and teams with their members. */
export const seedIdentity: DomainSeeder = async (ctx, actor, demo) => {
  for (const u of DEMO_USERS) {
    const email = demoEmail(u.key);
    const existing = await findUserSummaryByEmail(ctx.db, email);
    if (existing) {
      demo.users[u.key] = existing.id;
      continue;
    }
    const password = demoPassword(u.key);
    const user = await createUser(ctx, actor, {
      email,
      name: u.name,
      password,
      role: u.role,
      locale: u.locale,
      managerId: u.reportsTo ? (demo.users[u.reportsTo] ?? null) : null,
    });
    demo.users[u.key] = user.id;
    demo.logins.push({ role: u.role, email, password });
  }
  for (const t of DEMO_TEAMS) {
    const teamId =
      (await findTeamIdByName(ctx.db, t.name)) ??
      (await createTeam(ctx, actor, { name: t.name, description: t.description })).id;
    demo.teams[t.name] = teamId;
    for (const key of t.members) {
      const userId = demo.users[key];
      if (userId) await addTeamMember(ctx, actor, teamId, userId);
    }
  }
};

/** The example rule of the automation domain, on the default pipeline's "Verhandlung". */
async function seedAutomationDemo(ctx: AppContext, actor: Actor): Promise<void> {
  const pipeline = (await listPipelines(ctx)).items.find((p) => p.isDefault);
  const stage = pipeline?.stages.find((s) => s.name === 'Verhandlung');
  await seedAutomation(ctx, actor, { negotiationStageId: stage?.id ?? null });
}

/** In order: a seeder may use what the ones before it made. */
const SEEDERS: DomainSeeder[] = [
  seedIdentity,
  seedCompanies,
  seedSales,
  seedWork,
  seedBilling,
  seedCatalog,
  seedInventory,
  seedPurchasing,
  seedAutomationDemo,
];

/** Seeds the demo company (idempotent: what exists is kept). Returns the logins created now. */
export async function seedDemo(ctx: AppContext): Promise<{ logins: DemoLogin[] }> {
  const actor = systemActor('seed');
  const demo: DemoData = { users: {}, teams: {}, logins: [] };
  for (const seeder of SEEDERS) await seeder(ctx, actor, demo);
  // Deliver the demo's events now (e.g. the collection tasks of the overdue demo invoices), so the
  // first start shows a settled company instead of one that changes in the first seconds.
  await ctx.dispatcher.drain();
  await refreshStatistics(ctx.db);
  ctx.log.info({ company: DEMO_COMPANY, users: demo.logins.length }, 'demo company seeded');
  return { logins: demo.logins };
}

/** On first start: seeds the demo company when there are no users yet; null when there were. */
export async function seedIfEmpty(ctx: AppContext): Promise<{ logins: DemoLogin[] } | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  return seedDemo(ctx);
}
