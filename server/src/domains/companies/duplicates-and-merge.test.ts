import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { Company, Contact, DuplicateCandidate, DuplicateProblem } from '../../../../contracts/companies';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf, poster, requester } from './companies-test-helpers';

describe.each(DIALECTS)('duplicates and merging (%s)', (dialect) => {
  let t: TestApp;
  let sales: TestSession;
  let sales2: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;
  let mueller: Company;

  const conflict = async (s: TestSession, url: string, body: object) => {
    const res = await req(s, 'POST', url, body);
    expect(res.statusCode, res.body).toBe(409);
    return res.json<DuplicateProblem>();
  };
  const audit = async (type: string, id: string) =>
    (await req(sales, 'GET', `/api/audit?entityType=${type}&entityId=${id}`)).json<{ items: AuditEntry[] }>()
      .items;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    post = poster(t);
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    sales2 = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    mueller = await post<Company>(sales, '/api/companies', {
      name: 'Müller GmbH',
      roles: ['customer'],
      vatId: 'DE111111111',
      website: 'www.mueller-gmbh.de',
      city: 'Stuttgart',
      tags: ['A-Kunde'],
    });
    const schulz = await post<Company>(sales, '/api/companies', { name: 'Schulz Bau', roles: ['prospect'] });
    await post(sales, '/api/contacts', {
      companyId: schulz.id,
      firstName: 'Petra',
      lastName: 'Schulz',
      emails: [{ address: 'petra@schulz-bau.de' }],
    });
  });
  afterAll(() => t?.close());

  it('finds a similar name: "Mueller GmbH" is "Müller GmbH", so is "Müler AG"; 409 lists the candidates', async () => {
    const problem = await conflict(sales, '/api/companies', { name: 'Mueller GmbH', roles: ['prospect'] });
    expect(problem).toMatchObject({
      status: 409,
      code: 'companies.possible_duplicate',
      duplicates: [
        {
          id: mueller.id,
          name: 'Müller GmbH',
          reason: 'similar_name',
          score: 1,
          visible: true,
          ownerName: 'Julia Schneider',
          companyId: null,
        },
      ],
      errors: [{ path: 'name', message: '"Müller GmbH" has a similar name' }],
    });
    expect(problem.detail).toMatch(/allowDuplicate=true/);
    const typo = await conflict(sales, '/api/companies', { name: 'Müler AG', roles: ['prospect'] });
    expect(typo.duplicates![0]).toMatchObject({ id: mueller.id, reason: 'similar_name' });
    expect(typo.duplicates![0]!.score).toBeGreaterThanOrEqual(0.85);
    expect(typo.duplicates![0]!.score).toBeLessThan(1);
  });

  it('finds the same VAT ID, web domain and e-mail domain', async () => {
    const vat = await conflict(sales, '/api/companies', {
      name: 'Ganz Anders AG',
      roles: ['prospect'],
      vatId: 'de111111111',
    });
    expect(vat.duplicates).toEqual([expect.objectContaining({ id: mueller.id, reason: 'vat_id', score: 1 })]);
    expect(vat.errors).toEqual([{ path: 'vatId', message: '"Müller GmbH" has the same VAT ID' }]);

    const domain = await conflict(sales, '/api/companies', {
      name: 'Anders Handel',
      roles: ['prospect'],
      website: 'https://mueller-gmbh.de/impressum',
    });
    expect(domain.duplicates).toEqual([expect.objectContaining({ id: mueller.id, reason: 'web_domain' })]);

    const mail = await conflict(sales, '/api/companies', {
      name: 'Bauunternehmung Petra',
      roles: ['prospect'],
      website: 'schulz-bau.de',
    });
    expect(mail.duplicates).toEqual([
      expect.objectContaining({ name: 'Schulz Bau', reason: 'email_domain' }),
    ]);
  });

  it('creates anyway with allowDuplicate=true, and lets other names through', async () => {
    const meier = await req(sales, 'POST', '/api/companies', { name: 'Meier GmbH', roles: ['prospect'] });
    expect(meier.statusCode).toBe(201);
    const forced = await req(sales, 'POST', '/api/companies?allowDuplicate=true', {
      name: 'Mueller GmbH',
      roles: ['prospect'],
    });
    expect(forced.statusCode).toBe(201);
    // neither the 409s before nor this one wrote anything else
    const list = (await req(sales, 'GET', '/api/companies?q=mueller')).json<{ items: Company[] }>();
    expect(list.items.map((c) => c.name).sort()).toEqual(['Mueller GmbH', 'Müller GmbH']);
  });

  it('warns about records the user cannot see, without opening them', async () => {
    const problem = await conflict(sales2, '/api/companies', { name: 'Müller', roles: ['prospect'] });
    expect(problem.duplicates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: mueller.id, visible: false, ownerName: 'Julia Schneider' }),
      ]),
    );
  });

  it('checks live while a form is filled in: GET /api/companies/duplicates', async () => {
    const check = async (query: string) =>
      (await req(sales, 'GET', `/api/companies/duplicates?${query}`)).json<{
        duplicates: DuplicateCandidate[];
      }>().duplicates;
    expect((await check('name=M%C3%BCller%20GmbH%20%26%20Co.%20KG')).map((d) => d.name).sort()).toEqual([
      'Mueller GmbH',
      'Müller GmbH',
    ]);
    expect(await check(`vatId=DE111111111&excludeId=${mueller.id}`)).toEqual([]);
    expect((await check('website=www.mueller-gmbh.de')).map((d) => d.reason)).toEqual(['web_domain']);
    expect((await check('email=info%40schulz-bau.de')).map((d) => d.name)).toEqual(['Schulz Bau']);
    // freemail domains say nothing
    expect(await check('email=someone%40gmail.com')).toEqual([]);
    expect(await check('name=Zeppelin%20Werft')).toEqual([]);
  });

  it('finds contacts with the same e-mail address', async () => {
    await post(sales, '/api/contacts', {
      companyId: mueller.id,
      firstName: 'Max',
      lastName: 'Müller',
      emails: [{ address: 'max@mueller-gmbh.de' }],
    });
    const dup = await conflict(sales, '/api/contacts', {
      companyId: mueller.id,
      lastName: 'Mueller',
      emails: [{ address: 'info@mueller-gmbh.de' }, { address: 'MAX@mueller-gmbh.de' }],
    });
    expect(dup).toMatchObject({
      code: 'contacts.possible_duplicate',
      duplicates: [{ name: 'Max Müller', reason: 'email', companyId: mueller.id, visible: true }],
    });
    const forced = await req(sales, 'POST', '/api/contacts?allowDuplicate=true', {
      companyId: mueller.id,
      lastName: 'Mueller',
      emails: [{ address: 'max@mueller-gmbh.de' }],
    });
    expect(forced.statusCode).toBe(201);
  });

  it('merges a duplicate company: fills gaps, unites roles and tags, moves contacts and notes, keeps both histories', async () => {
    const target = await post<Company>(sales, '/api/companies?allowDuplicate=true', {
      name: 'Brandt Antriebe',
      roles: ['customer'],
      city: 'Ulm',
      street: 'Donaustraße 1',
      tags: ['A-Kunde'],
    });
    const source = await post<Company>(sales, '/api/companies?allowDuplicate=true', {
      name: 'Brandt Antriebe GmbH',
      legalName: 'Brandt Antriebe GmbH',
      roles: ['prospect', 'partner'],
      city: 'Neu-Ulm',
      vatId: 'DE222222222',
      employees: 80,
      tags: ['Messe 2026', 'A-Kunde'],
    });
    const c1 = await post<Contact>(sales, '/api/contacts', {
      companyId: source.id,
      lastName: 'Brandt',
      firstName: 'Eva',
    });
    const c2 = await post<Contact>(sales, '/api/contacts', { companyId: source.id, lastName: 'Vogel' });
    await post(sales, `/api/companies/${source.id}/notes`, { body: 'Kennen uns von der Messe.' });

    const stale = await req(sales, 'POST', `/api/companies/${target.id}/merge`, {
      sourceId: source.id,
      version: 2,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'company.stale_version' });
    const self = await req(sales, 'POST', `/api/companies/${target.id}/merge`, {
      sourceId: target.id,
      version: 1,
    });
    expect(self.statusCode).toBe(422);

    const res = await req(sales, 'POST', `/api/companies/${target.id}/merge`, {
      sourceId: source.id,
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Company>()).toMatchObject({
      id: target.id,
      name: 'Brandt Antriebe',
      legalName: 'Brandt Antriebe GmbH',
      roles: ['customer', 'prospect', 'partner'],
      // the address stays the target's, as a whole
      city: 'Ulm',
      street: 'Donaustraße 1',
      vatId: 'DE222222222',
      employees: 80,
      tags: ['A-Kunde', 'Messe 2026'],
      mergedIntoId: null,
      version: 2,
    });

    // the duplicate stays, hidden from lists, and says where it went
    const gone = (await req(sales, 'GET', `/api/companies/${source.id}`)).json<Company>();
    expect(gone).toMatchObject({
      mergedIntoId: target.id,
      mergedAt: t.clock.now().toISOString(),
      version: 2,
    });
    const names = (await req(sales, 'GET', '/api/companies?q=brandt'))
      .json<{ items: Company[] }>()
      .items.map((c) => c.id);
    expect(names).toEqual([target.id]);
    const editGone = await req(sales, 'PATCH', `/api/companies/${source.id}`, { version: 2, city: 'X' });
    expect(editGone.statusCode).toBe(409);
    expect(editGone.json()).toMatchObject({ code: 'companies.merged' });
    const again = await req(sales, 'POST', `/api/companies/${target.id}/merge`, {
      sourceId: source.id,
      version: 2,
    });
    expect(again.json()).toMatchObject({ code: 'companies.already_merged' });

    // the contacts moved, each with an audit entry saying so
    const contacts = (await req(sales, 'GET', `/api/contacts?companyId=${target.id}`)).json<{
      items: Contact[];
    }>();
    expect(contacts.items.map((c) => c.id).sort()).toEqual([c1.id, c2.id].sort());
    expect(contacts.items[0]!.companyName).toBe('Brandt Antriebe');
    expect((await audit('contact', c1.id))[0]!.changes).toEqual([
      { field: 'companyId', before: source.id, after: target.id },
    ]);

    // both records' histories tell the story
    const targetAudit = await audit('company', target.id);
    expect(targetAudit[0]!.changes).toEqual(
      expect.arrayContaining([
        {
          field: 'mergedFrom',
          before: null,
          after: { id: source.id, name: 'Brandt Antriebe GmbH', contacts: 2 },
        },
        { field: 'vatId', before: null, after: 'DE222222222' },
        { field: 'roles', before: ['customer'], after: ['customer', 'prospect', 'partner'] },
      ]),
    );
    const sourceAudit = await audit('company', source.id);
    expect(sourceAudit.map((e) => e.action)).toEqual(['update', 'create']);
    expect(sourceAudit[0]!.changes).toEqual(
      expect.arrayContaining([{ field: 'mergedIntoId', before: null, after: target.id }]),
    );
    expect(await eventsOf(t, 'company.merged')).toEqual([{ targetId: target.id, sourceId: source.id }]);

    // merged into a company that is merged later: the link follows to the survivor
    const survivor = await post<Company>(sales, '/api/companies?allowDuplicate=true', {
      name: 'Brandt Gruppe',
      roles: ['customer'],
    });
    await post(sales, `/api/companies/${survivor.id}/merge`, { sourceId: target.id, version: 1 }, 200);
    expect((await req(sales, 'GET', `/api/companies/${source.id}`)).json<Company>().mergedIntoId).toBe(
      survivor.id,
    );
    expect(
      (await req(sales, 'GET', `/api/contacts?companyId=${survivor.id}`)).json<{ items: Contact[] }>().items,
    ).toHaveLength(2);
  });

  it('cannot merge what the user cannot see', async () => {
    const mine = await post<Company>(sales2, '/api/companies?allowDuplicate=true', {
      name: 'Wagner Logistik',
      roles: ['customer'],
    });
    const res = await req(sales2, 'POST', `/api/companies/${mine.id}/merge`, {
      sourceId: mueller.id,
      version: 1,
    });
    expect(res.statusCode).toBe(404);
  });

  it('merges contacts: unites addresses and phones, an opt-out wins, raises contact.merged', async () => {
    const company = await post<Company>(sales, '/api/companies?allowDuplicate=true', {
      name: 'Kontaktmerge KG',
      roles: ['customer'],
    });
    const target = await post<Contact>(sales, '/api/contacts', {
      companyId: company.id,
      firstName: 'Anna',
      lastName: 'Klein',
      emails: [{ address: 'anna.klein@kontaktmerge.de', label: 'Büro' }],
      emailConsent: true,
    });
    const source = await post<Contact>(
      sales,
      '/api/contacts?allowDuplicate=true',
      {
        companyId: company.id,
        lastName: 'Klein',
        position: 'Einkauf',
        emails: [{ address: 'a.klein@kontaktmerge.de' }, { address: 'anna.klein@kontaktmerge.de' }],
        phones: [{ number: '+49 40 123456', label: 'mobil' }],
        optOut: true,
      },
      201,
    );
    const res = await req(sales, 'POST', `/api/contacts/${target.id}/merge`, {
      sourceId: source.id,
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Contact>()).toMatchObject({
      firstName: 'Anna',
      position: 'Einkauf',
      emails: [
        { address: 'anna.klein@kontaktmerge.de', label: 'Büro' },
        { address: 'a.klein@kontaktmerge.de', label: null },
      ],
      primaryEmail: 'anna.klein@kontaktmerge.de',
      phones: [{ number: '+49 40 123456', label: 'mobil' }],
      optOut: true,
      emailConsent: false,
      consentAt: null,
      isMailable: false,
      marketingAllowed: false,
      version: 2,
    });
    expect((await req(sales, 'GET', `/api/contacts/${source.id}`)).json<Contact>().mergedIntoId).toBe(
      target.id,
    );
    const listed = (await req(sales, 'GET', `/api/contacts?companyId=${company.id}`)).json<{
      items: Contact[];
    }>();
    expect(listed.items.map((c) => c.id)).toEqual([target.id]);
    expect(await eventsOf(t, 'contact.merged')).toEqual([{ targetId: target.id, sourceId: source.id }]);
    // the merged-away contact's addresses no longer count as duplicates; the survivor's do
    const dup = await req(sales, 'POST', '/api/contacts', {
      companyId: company.id,
      lastName: 'X',
      emails: [{ address: 'a.klein@kontaktmerge.de' }],
    });
    expect(dup.json<DuplicateProblem>().duplicates!.map((d) => d.id)).toEqual([target.id]);
  });
});
