import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { Company } from '../../../../contracts/companies';
import type { Team } from '../../../../contracts/identity';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf, poster, requester } from './companies-test-helpers';

type Page = { items: Company[]; nextCursor: string | null };

describe.each(DIALECTS)('companies over the API (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let manager: TestSession;
  let sales: TestSession;
  let sales2: TestSession;
  let teamId: string;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;

  const list = async (s: TestSession, query = '') => {
    const res = await req(s, 'GET', `/api/companies${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const names = async (s: TestSession, query = '') => (await list(s, query)).items.map((c) => c.name);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    post = poster(t);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    sales2 = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    teamId = (await post<Team>(admin, '/api/teams', { name: 'Vertrieb Nord' })).id;
    await post(admin, `/api/teams/${teamId}/members`, { userId: manager.user.id }, 200);
    await post(admin, `/api/teams/${teamId}/members`, { userId: sales.user.id }, 200);
  });
  afterAll(() => t?.close());

  it('creates a company with normalised fields, defaults, audit entry and company.created', async () => {
    const res = await req(sales, 'POST', '/api/companies', {
      name: '  Hansen Maschinenbau ',
      legalName: 'Hansen Maschinenbau GmbH & Co. KG',
      roles: ['customer', 'prospect', 'customer'],
      street: 'Hafenstraße 12',
      postalCode: '20457',
      city: 'Hamburg',
      industry: 'Maschinenbau',
      employees: 120,
      revenueBand: '10-50M',
      website: 'WWW.Hansen-Maschinenbau.de/',
      vatId: 'de 123.456.789',
      iban: 'DE89 3704 0044 0532 0130 00',
      bic: 'cobadeffxxx',
      tags: ['Messe 2026', 'A-Kunde', 'Messe 2026'],
      notes: '',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<Company>();
    expect(c).toMatchObject({
      name: 'Hansen Maschinenbau',
      legalName: 'Hansen Maschinenbau GmbH & Co. KG',
      roles: ['customer', 'prospect'],
      country: 'DE',
      website: 'https://www.hansen-maschinenbau.de',
      webDomain: 'hansen-maschinenbau.de',
      vatId: 'DE123456789',
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
      paymentTermsDays: 14,
      ownerId: sales.user.id,
      ownerName: 'Julia Schneider',
      // the owner is in exactly one team
      teamId,
      tags: ['Messe 2026', 'A-Kunde'],
      notes: null,
      mergedIntoId: null,
      version: 1,
      createdAt: t.clock.now().toISOString(),
    });

    const got = await req(sales, 'GET', `/api/companies/${c.id}`);
    expect(got.json()).toEqual(c);

    const audit = await req(sales, 'GET', `/api/audit?entityType=company&entityId=${c.id}`);
    const [entry] = audit.json<{ items: AuditEntry[] }>().items;
    expect(entry).toMatchObject({ action: 'create', actorId: sales.user.id });
    expect(entry!.changes).toEqual(
      expect.arrayContaining([{ field: 'vatId', before: null, after: 'DE123456789' }]),
    );
    expect(await eventsOf(t, 'company.created')).toContainEqual({
      companyId: c.id,
      name: 'Hansen Maschinenbau',
      roles: ['customer', 'prospect'],
    });
  });

  it('explains bad input field by field: VAT ID, IBAN, BIC, roles, country, unknown fields', async () => {
    const bad = async (body: object) => {
      const res = await req(admin, 'POST', '/api/companies?allowDuplicate=true', {
        name: 'Testfirma',
        roles: ['prospect'],
        ...body,
      });
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ code: string; detail: string; errors: Array<{ path: string; message: string }> }>();
    };
    expect((await bad({ vatId: 'DE12345678' })).errors).toEqual([
      { path: 'vatId', message: 'German VAT IDs are DE followed by 9 digits (e.g. DE123456789)' },
    ]);
    expect((await bad({ vatId: 'AT12345678' })).errors[0]!.message).toBe(
      'Austrian VAT IDs are ATU followed by 8 digits (e.g. ATU12345678)',
    );
    expect((await bad({ vatId: 'XX123' })).errors[0]!.message).toMatch(/country prefix such as DE/);
    expect((await bad({ vatId: 'GR123456789' })).errors[0]!.message).toMatch(/start with EL/);

    const iban = await bad({ iban: 'DE89370400440532013001' });
    expect(iban.code).toBe('companies.invalid_bank_details');
    expect(iban.errors).toEqual([
      { path: 'iban', message: 'The check digits of this IBAN do not match: check it for typos' },
    ]);
    expect((await bad({ iban: 'DE8937040044053201300' })).errors[0]!.message).toMatch(/wrong length/);
    expect((await bad({ bic: 'COBAXXFF' })).errors).toEqual([
      { path: 'bic', message: 'Characters 5 and 6 of a BIC are its country code; "XX" is not one' },
    ]);
    expect((await bad({ bic: 'COBADE' })).errors[0]!.message).toMatch(/8 or 11 characters/);

    expect((await bad({ roles: [] })).errors).toEqual([
      { path: 'roles', message: 'Choose at least one role: customer, prospect, supplier or partner' },
    ]);
    expect((await bad({ country: 'Deutschland' })).errors[0]).toEqual({
      path: 'country',
      message: 'Use a two-letter ISO 3166 country code such as DE, AT or CH',
    });
    expect((await bad({ website: 'not a website' })).errors[0]!.path).toBe('website');
    expect((await bad({ employees: -3 })).errors[0]!.message).toBe(
      'The number of employees cannot be negative',
    );
    const unknown = await bad({ colour: 'blue' });
    expect(unknown.errors).toEqual([{ path: 'colour', message: 'Unknown field "colour"' }]);
    expect(unknown.code).toBe('request.invalid');

    const segment = await req(admin, 'POST', '/api/companies?allowDuplicate=true', {
      name: 'Testfirma',
      roles: ['prospect'],
      segmentId: '0190a000-0000-7000-8000-000000000000',
    });
    expect(segment.statusCode).toBe(422);
    expect(segment.json()).toMatchObject({
      code: 'companies.unknown_segment',
      errors: [{ path: 'segmentId' }],
    });

    // nothing was written by the refused requests
    expect(await names(admin, '?q=testfirma')).toEqual([]);
  });

  it('edits with the version: null clears, stale version is 409, the audit lists what changed', async () => {
    const c = await post<Company>(sales, '/api/companies', {
      name: 'Petersen Logistik',
      roles: ['prospect'],
      city: 'Kiel',
    });
    const edit = await req(sales, 'PATCH', `/api/companies/${c.id}`, {
      version: 1,
      roles: ['customer'],
      city: null,
      paymentTermsDays: 30,
      tags: ['Rahmenvertrag'],
      website: 'petersen-logistik.de',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({
      roles: ['customer'],
      city: null,
      paymentTermsDays: 30,
      tags: ['Rahmenvertrag'],
      webDomain: 'petersen-logistik.de',
      version: 2,
    });
    const stale = await req(sales, 'PATCH', `/api/companies/${c.id}`, { version: 1, name: 'Petersen' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'company.stale_version' });
    const badIban = await req(sales, 'PATCH', `/api/companies/${c.id}`, { version: 2, iban: 'DE00123' });
    expect(badIban.statusCode).toBe(400);

    const audit = (await req(sales, 'GET', `/api/audit?entityType=company&entityId=${c.id}`)).json<{
      items: AuditEntry[];
    }>();
    expect(audit.items[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'roles', before: ['prospect'], after: ['customer'] },
        { field: 'city', before: 'Kiel', after: null },
        { field: 'paymentTermsDays', before: 14, after: 30 },
      ]),
    );
    expect(audit.items).toHaveLength(2);
  });

  it('shows each person what their role may see: own, team, all', async () => {
    const own = await post<Company>(sales, '/api/companies', {
      name: 'Nordlicht Feinkost',
      roles: ['prospect'],
    });
    const other = await post<Company>(sales2, '/api/companies', {
      name: 'Südwind Antriebe',
      roles: ['prospect'],
    });
    const assigned = await post<Company>(sales2, '/api/companies', {
      name: 'Alpen Zerspanung',
      roles: ['customer'],
      teamId,
    });

    const salesSees = await names(sales, '?limit=500');
    expect(salesSees).toContain('Nordlicht Feinkost');
    expect(salesSees).not.toContain('Südwind Antriebe');
    expect(salesSees).not.toContain('Alpen Zerspanung');
    expect(await names(sales2, '?limit=500')).toEqual(['Alpen Zerspanung', 'Südwind Antriebe']);
    // the manager sees the team mate's companies and those assigned to the team, not Lukas' own
    const managerSees = await names(manager, '?limit=500');
    expect(managerSees).toEqual(expect.arrayContaining(['Nordlicht Feinkost', 'Alpen Zerspanung']));
    expect(managerSees).not.toContain('Südwind Antriebe');
    expect(await names(admin, '?limit=500')).toEqual(
      expect.arrayContaining(['Nordlicht Feinkost', 'Südwind Antriebe']),
    );

    const hidden = await req(sales, 'GET', `/api/companies/${other.id}`);
    expect(hidden.statusCode).toBe(404);
    const edit = await req(sales, 'PATCH', `/api/companies/${other.id}`, { version: 1, name: 'X' });
    expect(edit.statusCode).toBe(404);
    expect((await req(manager, 'GET', `/api/companies/${assigned.id}`)).statusCode).toBe(200);
    expect((await req(manager, 'GET', `/api/companies/${own.id}`)).statusCode).toBe(200);
  });

  it('filters, searches, sorts and pages', async () => {
    const make = (body: object) =>
      post<Company>(admin, '/api/companies?allowDuplicate=true', { roles: ['prospect'], ...body });
    await make({ name: 'Filter Alpha', city: 'München', employees: 10, country: 'AT', tags: ['Newsletter'] });
    await make({ name: 'Filter Beta', city: 'Augsburg', employees: 500, roles: ['supplier'] });
    await make({
      name: 'Filter Gamma',
      city: 'Zwickau',
      tags: ['Newsletter'],
      website: 'www.gamma-filter.de',
    });
    await make({ name: 'Filter Delta', legalName: 'Delta Müller GmbH', city: 'Köln', employees: 50 });

    expect(await names(admin, '?q=filter&sort=name')).toEqual([
      'Filter Alpha',
      'Filter Beta',
      'Filter Delta',
      'Filter Gamma',
    ]);
    expect(await names(admin, '?q=filter&sort=-city')).toEqual([
      'Filter Gamma',
      'Filter Alpha',
      'Filter Delta',
      'Filter Beta',
    ]);
    // employees unknown sorts first ascending
    expect(await names(admin, '?q=filter&sort=employees')).toEqual([
      'Filter Gamma',
      'Filter Alpha',
      'Filter Delta',
      'Filter Beta',
    ]);
    expect(await names(admin, '?q=filter&tag=Newsletter')).toEqual(['Filter Alpha', 'Filter Gamma']);
    expect(await names(admin, '?q=filter&role=supplier')).toEqual(['Filter Beta']);
    expect(await names(admin, '?q=filter&country=at')).toEqual(['Filter Alpha']);
    expect(await names(admin, '?q=augsburg')).toEqual(['Filter Beta']);
    expect(await names(admin, '?q=gamma-filter')).toEqual(['Filter Gamma']);
    // the legal name, and umlauts spelled out
    expect(await names(admin, '?q=delta müller')).toEqual(['Filter Delta']);
    expect(await names(admin, `?q=filter&ownerId=${admin.user.id}&sort=createdAt`)).toHaveLength(4);

    const first = await list(admin, '?q=filter&limit=3&sort=-employees');
    expect(first.items.map((c) => c.name)).toEqual(['Filter Beta', 'Filter Delta', 'Filter Alpha']);
    const rest = await list(admin, `?q=filter&limit=3&sort=-employees&cursor=${first.nextCursor}`);
    expect(rest.items.map((c) => c.name)).toEqual(['Filter Gamma']);
    expect(rest.nextCursor).toBeNull();

    const badSort = await req(admin, 'GET', '/api/companies?sort=vatId');
    expect(badSort.statusCode).toBe(400);
  });
});
