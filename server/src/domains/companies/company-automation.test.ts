import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { Company, Contact, Segment } from '../../../../contracts/companies';
import { systemActor } from '../../platform/actor';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import type { ActionContext } from '../automation';
import { recordTypeOf } from '../automation/registry';

describe.each(DIALECTS)('companies and contacts for automation rules (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let julia: TestSession;
  let segment: Segment;

  const req = (s: TestSession, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const events = async (type: string) =>
    (
      await t.ctx.db
        .selectFrom('outbox')
        .select(['payload', 'origin'])
        .where('type', '=', type)
        .orderBy('id')
        .execute()
    ).map(
      (e): Record<string, unknown> => ({
        ...(JSON.parse(e.payload) as Record<string, unknown>),
        origin: e.origin,
      }),
    );
  const asRule = (run: (ctx: ActionContext) => Promise<void>) =>
    t.ctx.db.transaction().execute((trx) =>
      run({
        trx,
        clock: t.ctx.clock,
        config: t.ctx.config,
        actor: systemActor('rule:r7@1'),
      } as ActionContext),
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    segment = (await req(admin, 'POST', '/api/segments', { name: 'Industrie' })).json<Segment>();
  });
  afterAll(() => t?.close());

  it('raises company.updated, contact.created and contact.updated with the changed fields', async () => {
    const company = (
      await req(julia, 'POST', '/api/companies', {
        name: 'Hansen Maschinenbau',
        roles: ['prospect'],
        country: 'DE',
      })
    ).json<Company>();
    const edit = await req(julia, 'PATCH', `/api/companies/${company.id}`, {
      version: 1,
      city: 'Hamburg',
      segmentId: segment.id,
      name: 'Hansen Maschinenbau',
    });
    expect(edit.statusCode).toBe(200);
    // the same values again: no event
    await req(julia, 'PATCH', `/api/companies/${company.id}`, { version: 2, city: 'Hamburg' });
    expect((await events('company.updated')).filter((e) => e.companyId === company.id)).toEqual([
      { companyId: company.id, changed: ['city', 'segmentId'], origin: null },
    ]);

    const created = await req(julia, 'POST', '/api/contacts', {
      companyId: company.id,
      firstName: 'Jens',
      lastName: 'Hansen',
      emails: [{ address: 'jens@hansen.de' }],
    });
    expect(created.statusCode).toBe(201);
    const contact = created.json<Contact>();
    expect((await events('contact.created')).filter((e) => e.contactId === contact.id)).toEqual([
      { contactId: contact.id, companyId: company.id, origin: null },
    ]);
    await req(julia, 'PATCH', `/api/contacts/${contact.id}`, {
      version: 1,
      position: 'Einkauf',
      lastName: 'Hansen',
    });
    expect((await events('contact.updated')).filter((e) => e.contactId === contact.id)).toEqual([
      { contactId: contact.id, companyId: company.id, changed: ['position'], origin: null },
    ]);
  });

  it('loads companies, contacts and segments; update_field goes through the service', async () => {
    const company = (
      await req(julia, 'POST', '/api/companies', {
        name: 'Huber Präzisionstechnik',
        roles: ['customer', 'supplier'],
        country: 'DE',
        city: 'München',
        segmentId: segment.id,
      })
    ).json<Company>();
    const contact = (
      await req(julia, 'POST', '/api/contacts', {
        companyId: company.id,
        firstName: 'Eva',
        lastName: 'Huber',
        emails: [{ address: 'eva@huber.de' }],
        phones: [{ number: '+49 89 123' }],
        preferredLanguage: 'en',
      })
    ).json<Contact>();

    const companies = recordTypeOf('company')!;
    const values = (await companies.load(t.ctx.db, [company.id])).get(company.id)!;
    expect(values).toMatchObject({
      id: company.id,
      name: 'Huber Präzisionstechnik',
      roles: ['customer', 'supplier'],
      segmentId: segment.id,
      segmentName: 'Industrie',
      city: 'München',
      country: 'DE',
      ownerId: julia.user.id,
      email: 'eva@huber.de',
    });
    expect(companies.label(values)).toBe('Huber Präzisionstechnik');
    expect(await companies.contact!(t.ctx.db, values)).toEqual({
      email: 'eva@huber.de',
      name: 'Eva Huber',
      locale: 'en',
    });
    expect(await companies.recent!(t.ctx.db, 50)).toContain(company.id);

    const contacts = recordTypeOf('contact')!;
    const c = (await contacts.load(t.ctx.db, [contact.id])).get(contact.id)!;
    expect(c).toMatchObject({
      firstName: 'Eva',
      lastName: 'Huber',
      name: 'Eva Huber',
      email: 'eva@huber.de',
      phone: '+49 89 123',
      locale: 'en',
      companyId: company.id,
    });
    expect(await contacts.contact!(t.ctx.db, c)).toEqual({
      email: 'eva@huber.de',
      name: 'Eva Huber',
      locale: 'en',
    });
    expect((await recordTypeOf('segment')!.load(t.ctx.db, [segment.id])).get(segment.id)).toMatchObject({
      name: 'Industrie',
    });

    await asRule((ctx) => companies.update!(ctx, company.id, 'ownerId', admin.user.id));
    await asRule((ctx) => contacts.update!(ctx, contact.id, 'position', 'Geschäftsführerin'));
    expect((await req(admin, 'GET', `/api/companies/${company.id}`)).json()).toMatchObject({
      ownerId: admin.user.id,
      version: 2,
    });
    const audit = (await req(admin, 'GET', `/api/audit?entityType=company&entityId=${company.id}`)).json<{
      items: AuditEntry[];
    }>().items;
    expect(audit[0]).toMatchObject({ origin: 'rule:r7@1' });
    expect((await events('company.updated')).filter((e) => e.companyId === company.id)).toEqual([
      { companyId: company.id, changed: ['ownerId'], origin: 'rule:r7@1' },
    ]);
    expect((await events('contact.updated')).filter((e) => e.contactId === contact.id)).toEqual([
      { contactId: contact.id, companyId: company.id, changed: ['position'], origin: 'rule:r7@1' },
    ]);

    await expect(asRule((ctx) => companies.update!(ctx, company.id, 'name', 'X'))).rejects.toMatchObject({
      code: 'automation.field_not_updatable',
    });
    await expect(
      asRule((ctx) => companies.update!(ctx, company.id, 'paymentTermsDays', 'bald')),
    ).rejects.toMatchObject({ code: 'companies.invalid_value', errors: [{ path: 'paymentTermsDays' }] });
  });
});
