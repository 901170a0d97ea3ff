import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company, Contact } from '../../../../contracts/companies';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { poster, requester } from './companies-test-helpers';
import { getContactSummary } from './index';

describe.each(DIALECTS)('contacts over the API (%s)', (dialect) => {
  let t: TestApp;
  let sales: TestSession;
  let sales2: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;
  let company: Company;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    post = poster(t);
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    sales2 = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    company = await post<Company>(sales, '/api/companies', {
      name: 'Kontakt Test GmbH',
      roles: ['customer'],
    });
  });
  afterAll(() => t?.close());

  it('creates a contact: primary address first, consent stamped, mailable unless opted out', async () => {
    const res = await req(sales, 'POST', '/api/contacts', {
      companyId: company.id,
      firstName: 'Eva',
      lastName: 'Lange',
      position: 'Einkaufsleiterin',
      emails: [
        { address: 'Eva.Lange@Kontakt-Test.de', label: 'Büro' },
        { address: 'eva@privat.example', label: '' },
      ],
      phones: [{ number: '+49 (0)40 123-456', label: 'Büro' }],
      preferredLanguage: 'en',
      emailConsent: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<Contact>();
    expect(c).toMatchObject({
      companyId: company.id,
      companyName: 'Kontakt Test GmbH',
      name: 'Eva Lange',
      emails: [
        { address: 'eva.lange@kontakt-test.de', label: 'Büro' },
        { address: 'eva@privat.example', label: null },
      ],
      primaryEmail: 'eva.lange@kontakt-test.de',
      phones: [{ number: '+49 (0)40 123-456', label: 'Büro' }],
      preferredLanguage: 'en',
      emailConsent: true,
      consentAt: t.clock.now().toISOString(),
      optOut: false,
      isMailable: true,
      marketingAllowed: true,
      ownerId: sales.user.id,
      ownerName: 'Julia Schneider',
      version: 1,
    });

    // opting out withdraws consent; the contact must never be mailed again
    t.clock.advance(60_000);
    const out = await req(sales, 'PATCH', `/api/contacts/${c.id}`, { version: 1, optOut: true });
    expect(out.json<Contact>()).toMatchObject({
      optOut: true,
      emailConsent: false,
      consentAt: null,
      isMailable: false,
      marketingAllowed: false,
      version: 2,
    });
    expect(await getContactSummary(t.ctx.db, c.id)).toMatchObject({
      isMailable: false,
      primaryEmail: 'eva.lange@kontakt-test.de',
    });
    const both = await req(sales, 'PATCH', `/api/contacts/${c.id}`, {
      version: 2,
      optOut: true,
      emailConsent: true,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ code: 'contacts.consent_conflict' });
    const back = await req(sales, 'PATCH', `/api/contacts/${c.id}`, {
      version: 2,
      optOut: false,
      emailConsent: true,
    });
    expect(back.json<Contact>()).toMatchObject({
      isMailable: true,
      emailConsent: true,
      consentAt: t.clock.now().toISOString(),
    });

    // without any address a contact is not mailable
    const noMail = await post<Contact>(sales, '/api/contacts', {
      companyId: company.id,
      lastName: 'Ohnemail',
    });
    expect(noMail).toMatchObject({
      emails: [],
      primaryEmail: null,
      isMailable: false,
      firstName: null,
      name: 'Ohnemail',
    });
  });

  it('validates: e-mail, phone, duplicates within the list, unknown company, unknown fields', async () => {
    const bad = async (body: object, status = 400) => {
      const res = await req(sales, 'POST', '/api/contacts', {
        companyId: company.id,
        lastName: 'X',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(status);
      return res.json<{ code: string; errors: Array<{ path: string; message: string }> }>();
    };
    expect((await bad({ emails: [{ address: 'nope' }] })).errors).toEqual([
      { path: 'emails.0.address', message: 'Enter a valid e-mail address' },
    ]);
    expect((await bad({ emails: [{ address: 'a@b.de' }, { address: 'A@b.de' }] })).errors).toEqual([
      { path: 'emails.1.address', message: 'This e-mail address is listed twice' },
    ]);
    expect((await bad({ phones: [{ number: 'call me' }] })).errors[0]!.path).toBe('phones.0.number');
    expect((await bad({ lastName: ' ' })).errors[0]).toEqual({
      path: 'lastName',
      message: 'Enter a last name',
    });
    expect((await bad({ email: 'x@y.de' })).errors).toEqual([
      { path: 'email', message: 'Unknown field "email"' },
    ]);
    expect((await bad({ preferredLanguage: 'fr' })).errors[0]!.path).toBe('preferredLanguage');
    const unknown = await bad({ companyId: '0190a000-0000-7000-8000-000000000000' }, 422);
    expect(unknown).toMatchObject({ code: 'contacts.unknown_company', errors: [{ path: 'companyId' }] });
  });

  it('shows a contact to whoever sees its company; lists, searches, sorts, moves', async () => {
    const other = await post<Company>(sales2, '/api/companies', {
      name: 'Fremdfirma AG',
      roles: ['prospect'],
    });
    const hidden = await post<Contact>(sales2, '/api/contacts', {
      companyId: other.id,
      firstName: 'Gerd',
      lastName: 'Fremd',
      emails: [{ address: 'gerd@fremdfirma.de' }],
    });
    expect((await req(sales, 'GET', `/api/contacts/${hidden.id}`)).statusCode).toBe(404);
    const mine = (await req(sales, 'GET', '/api/contacts?limit=500')).json<{ items: Contact[] }>();
    expect(mine.items.map((c) => c.lastName)).not.toContain('Fremd');
    // nor can a contact be put into a company the user cannot see
    const sneaky = await req(sales, 'POST', '/api/contacts', { companyId: other.id, lastName: 'Spion' });
    expect(sneaky.statusCode).toBe(422);

    await post(sales, '/api/contacts', { companyId: company.id, firstName: 'Anton', lastName: 'Zander' });
    await post(sales, '/api/contacts', {
      companyId: company.id,
      firstName: 'Berta',
      lastName: 'Adler',
      emails: [{ address: 'berta@adler.de' }],
    });
    const byLast = (await req(sales, 'GET', `/api/contacts?companyId=${company.id}`)).json<{
      items: Contact[];
    }>();
    expect(byLast.items.map((c) => c.lastName)).toEqual(['Adler', 'Lange', 'Ohnemail', 'Zander']);
    const byFirst = (
      await req(sales, 'GET', `/api/contacts?companyId=${company.id}&sort=-firstName&limit=2`)
    ).json<{
      items: Contact[];
      nextCursor: string;
    }>();
    expect(byFirst.items.map((c) => c.firstName)).toEqual(['Eva', 'Berta']);
    const page2 = (
      await req(
        sales,
        'GET',
        `/api/contacts?companyId=${company.id}&sort=-firstName&limit=2&cursor=${byFirst.nextCursor}`,
      )
    ).json<{ items: Contact[] }>();
    expect(page2.items.map((c) => c.firstName)).toEqual(['Anton', null]);
    expect(
      (await req(sales, 'GET', '/api/contacts?q=adler.de'))
        .json<{ items: Contact[] }>()
        .items.map((c) => c.name),
    ).toEqual(['Berta Adler']);
    expect(
      (await req(sales, 'GET', '/api/contacts?q=eva lange')).json<{ items: Contact[] }>().items,
    ).toHaveLength(1);

    // moving a contact to another (visible) company
    const second = await post<Company>(sales, '/api/companies', {
      name: 'Zweitfirma KG',
      roles: ['prospect'],
    });
    const anton = byLast.items.find((c) => c.lastName === 'Zander')!;
    const moved = await req(sales, 'PATCH', `/api/contacts/${anton.id}`, {
      version: 1,
      companyId: second.id,
      position: 'CEO',
    });
    expect(moved.json<Contact>()).toMatchObject({
      companyId: second.id,
      companyName: 'Zweitfirma KG',
      position: 'CEO',
      version: 2,
    });
    const stale = await req(sales, 'PATCH', `/api/contacts/${anton.id}`, { version: 1, position: 'CTO' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'contact.stale_version' });
  });
});
