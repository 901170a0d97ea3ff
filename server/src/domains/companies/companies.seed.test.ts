import { isValidIBAN } from 'ibantools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateCompany } from '../../../../contracts/companies';
import { systemActor } from '../../platform/actor';
import { createTestUser } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { toCompany } from './companies.mappers';
import { seedCompanies } from './index';

describe.each(DIALECTS)('demo companies (%s)', (dialect) => {
  let t: TestApp;
  let demo: { users: Record<string, string>; teams: Record<string, string> };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const users: Record<string, string> = {};
    for (const [key, role] of [
      ['sales', 'sales'],
      ['sales2', 'sales'],
      ['manager', 'manager'],
      ['purchasing', 'purchasing'],
    ] as const) {
      users[key] = (await createTestUser(t, { role, name: key })).user.id;
    }
    demo = { users, teams: { 'Vertrieb Nord': '0190a000-0000-7000-8000-0000000000e1' } };
  });
  afterAll(() => t?.close());

  it('seeds 3 segments and ~200 plausible companies with contacts, audit entries and events', async () => {
    await seedCompanies(t.ctx, systemActor('seed'), demo);

    const db = t.ctx.db;
    const segments = await db.selectFrom('segments').selectAll().orderBy('name').execute();
    expect(segments.map((s) => s.name)).toEqual([
      'Automotive Zulieferer',
      'Lebensmittel Nord',
      'Maschinenbau Süd KMU',
    ]);
    const companies = await db.selectFrom('companies').selectAll().execute();
    expect(companies).toHaveLength(200);
    const roles = companies.map((c) => toCompany({ ...c, segment_name: null }, new Map()).roles);
    const count = (role: string) => roles.filter((r) => r.includes(role as never)).length;
    expect(count('prospect')).toBeGreaterThan(80);
    expect(count('customer')).toBeGreaterThan(50);
    expect(count('supplier')).toBeGreaterThan(2);
    expect(count('partner')).toBeGreaterThan(2);
    expect(new Set(companies.map((c) => c.owner_id))).toEqual(
      new Set([demo.users.sales, demo.users.sales2, demo.users.manager, demo.users.purchasing]),
    );
    expect(companies.filter((c) => c.segment_id).length).toBeGreaterThan(100);

    // every company would pass the API's own validation (VAT IDs, websites, IBANs)
    for (const c of companies) {
      const company = toCompany({ ...c, segment_name: null }, new Map());
      expect(() =>
        CreateCompany.parse({
          name: company.name,
          roles: company.roles,
          vatId: company.vatId,
          website: company.website,
          country: company.country,
        }),
      ).not.toThrow();
      if (company.iban) expect(isValidIBAN(company.iban)).toBe(true);
    }

    const contacts = await db.selectFrom('contacts').select(['company_id']).execute();
    const perCompany = new Map<string, number>();
    for (const c of contacts) perCompany.set(c.company_id, (perCompany.get(c.company_id) ?? 0) + 1);
    expect(perCompany.size).toBe(200);
    expect(Math.min(...perCompany.values())).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perCompany.values())).toBeLessThanOrEqual(3);
    expect((await db.selectFrom('contact_emails').selectAll().execute()).length).toBe(contacts.length);

    const audit = await db
      .selectFrom('audit_log')
      .select(['entity_type', 'origin'])
      .where('entity_type', 'in', ['company', 'contact', 'segment'])
      .execute();
    expect(audit.filter((a) => a.entity_type === 'company')).toHaveLength(200);
    expect(audit.filter((a) => a.entity_type === 'contact')).toHaveLength(contacts.length);
    expect(new Set(audit.map((a) => a.origin))).toEqual(new Set(['seed']));
    const events = await db.selectFrom('outbox').select('id').where('type', '=', 'company.created').execute();
    expect(events).toHaveLength(200);
  });

  it('is idempotent and deterministic', async () => {
    const names = async () =>
      (await t.ctx.db.selectFrom('companies').select('name').orderBy('name').execute()).map((r) => r.name);
    const before = await names();
    await seedCompanies(t.ctx, systemActor('seed'), demo);
    expect(await names()).toEqual(before);
    expect((await t.ctx.db.selectFrom('segments').select('id').execute()).length).toBe(3);

    // the same names on a fresh database
    const other = await createTestApp(dialect);
    try {
      await seedCompanies(other.ctx, systemActor('seed'), { users: {}, teams: {} });
      const again = (await other.ctx.db.selectFrom('companies').select('name').orderBy('name').execute()).map(
        (r) => r.name,
      );
      expect(again).toEqual(before);
    } finally {
      await other.close();
    }
  });
});
