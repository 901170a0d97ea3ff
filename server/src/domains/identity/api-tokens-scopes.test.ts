import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../../contracts/common';
import type { ApiToken, CreatedApiToken, Me } from '../../../../contracts/identity';
import { bearer, createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany } from '../sales/sales-test-helpers';

describe.each(DIALECTS)('scoped API tokens (%s)', (dialect) => {
  let t: TestApp;
  let sales: TestSession;
  let accounting: TestSession;
  let companyId: string;

  type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
  const req = (h: Record<string, string>, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: h, ...(payload ? { payload } : {}) });
  const tokenOf = async (s: TestSession, scopes: string[]) => {
    const res = await req(s.headers, 'POST', '/api/api-tokens', {
      name: `Token ${scopes.join(' ')}`,
      scopes,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CreatedApiToken>();
  };
  const newDeal = (title: string) => ({
    title,
    companyId,
    expectedCloseDate: '2026-12-31',
    amountCents: 1_250_000,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    accounting = await createUserAndLogin(t, { role: 'accounting', name: 'Petra Wolf' });
    companyId = await makeCompany(t, 'Müller Maschinenbau GmbH', sales);
  });
  afterAll(() => t?.close());

  it('a read-only token reads deals but may not create one: 403 naming the missing scope', async () => {
    const created = await req(sales.headers, 'POST', '/api/deals', newDeal('Fräsen für Werk 2'));
    expect(created.statusCode, created.body).toBe(201);
    const { token } = await tokenOf(sales, ['deals:read', 'companies:read']);

    const list = await req(bearer(token), 'GET', '/api/deals');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { title: string }[] }>().items.map((d) => d.title)).toContain(
      'Fräsen für Werk 2',
    );
    expect((await req(bearer(token), 'GET', `/api/companies/${companyId}`)).statusCode).toBe(200);

    const denied = await req(bearer(token), 'POST', '/api/deals', newDeal('Darf nicht entstehen'));
    expect(denied.statusCode).toBe(403);
    expect(denied.json<Problem>()).toMatchObject({
      status: 403,
      code: 'auth.token_scope',
      detail: 'This API token lacks the scope deals:write',
    });
    // nothing half-written
    const rows = await t.ctx.db
      .selectFrom('deals')
      .select('id')
      .where('title', '=', 'Darf nicht entstehen')
      .execute();
    expect(rows).toEqual([]);
    // other domains are out of scope altogether
    const tasks = await req(bearer(token), 'GET', '/api/tasks');
    expect(tasks.statusCode).toBe(403);
    expect(tasks.json<Problem>().detail).toBe('This API token lacks the scope tasks:read');
  });

  it('a write token writes (write includes read)', async () => {
    const { token } = await tokenOf(sales, ['companies:write', 'deals:write']);
    const company = await req(bearer(token), 'POST', '/api/companies', {
      name: 'Hansa Antriebe KG',
      roles: ['prospect'],
    });
    expect(company.statusCode, company.body).toBe(201);
    const deal = await req(bearer(token), 'POST', '/api/deals', newDeal('Antriebe per API'));
    expect(deal.statusCode, deal.body).toBe(201);
    expect((await req(bearer(token), 'GET', '/api/deals')).statusCode).toBe(200);
  });

  it('a token never does more than its user’s role allows', async () => {
    // accounting may read deals but not write them; the token's deals:write does not change that
    const { token } = await tokenOf(accounting, ['deals:write', 'purchasing:write']);
    expect((await req(bearer(token), 'GET', '/api/deals')).statusCode).toBe(200);
    const denied = await req(bearer(token), 'POST', '/api/deals', newDeal('Buchhaltung'));
    expect(denied.statusCode).toBe(403);
    expect(denied.json<Problem>().code).toBe('auth.forbidden');
    expect((await req(bearer(token), 'GET', '/api/purchase-orders')).statusCode).toBe(200);
  });

  it('search finds only what the token may read', async () => {
    const dealsOnly = await tokenOf(sales, ['deals:read']);
    const both = await tokenOf(sales, ['deals:read', 'companies:read']);
    const typesFound = async (token: string) => {
      const res = await req(bearer(token), 'GET', `/api/search?q=${encodeURIComponent('Müller')}`);
      expect(res.statusCode, res.body).toBe(200);
      return new Set(res.json<{ items: { type: string }[] }>().items.map((i) => i.type));
    };
    expect(await typesFound(both.token)).toContain('company');
    expect(await typesFound(dealsOnly.token)).not.toContain('company');
  });

  it('tokens from before scopes (scopes null) keep all their user’s role allows', async () => {
    const legacy = await tokenOf(sales, ['deals:read']);
    await t.ctx.db.updateTable('api_tokens').set({ scopes: null }).where('id', '=', legacy.id).execute();
    const deal = await req(bearer(legacy.token), 'POST', '/api/deals', newDeal('Altes Token'));
    expect(deal.statusCode, deal.body).toBe(201);
    const listed = (await req(sales.headers, 'GET', '/api/api-tokens')).json<{ items: ApiToken[] }>();
    expect(listed.items.find((x) => x.id === legacy.id)?.scopes).toBeNull();
    // the role still limits it
    expect((await req(bearer(legacy.token), 'GET', '/api/purchase-orders')).statusCode).toBe(403);
  });

  it('scopes must be chosen and known; they are stored one per domain and listed', async () => {
    const none = await req(sales.headers, 'POST', '/api/api-tokens', { name: 'Ohne Scopes' });
    expect(none.statusCode).toBe(400);
    expect(none.json<Problem>().errors).toEqual([expect.objectContaining({ path: 'scopes' })]);
    const empty = await req(sales.headers, 'POST', '/api/api-tokens', { name: 'Leer', scopes: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<Problem>().errors?.[0]?.message).toMatch(/at least one scope/);
    const unknown = await req(sales.headers, 'POST', '/api/api-tokens', {
      name: 'X',
      scopes: ['deals:admin'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors?.[0]).toMatchObject({ path: 'scopes.0' });
    expect(
      await t.ctx.db
        .selectFrom('api_tokens')
        .select('id')
        .where('name', 'in', ['Ohne Scopes', 'Leer', 'X'])
        .execute(),
    ).toEqual([]);

    const made = await tokenOf(sales, ['tasks:read', 'deals:read', 'deals:write', 'tasks:read']);
    expect(made.scopes).toEqual(['deals:write', 'tasks:read']);
    const listed = (await req(sales.headers, 'GET', '/api/api-tokens')).json<{ items: ApiToken[] }>();
    expect(listed.items.find((x) => x.id === made.id)?.scopes).toEqual(['deals:write', 'tasks:read']);
  });

  it('a token cannot make a wider token, nor change its user’s account without users:write', async () => {
    const { token } = await tokenOf(sales, ['users:write', 'deals:read']);
    const wider = await req(bearer(token), 'POST', '/api/api-tokens', {
      name: 'Breiter',
      scopes: ['deals:write'],
    });
    expect(wider.statusCode).toBe(403);
    expect(wider.json<Problem>().detail).toBe('This API token lacks the scope deals:write');
    const narrower = await req(bearer(token), 'POST', '/api/api-tokens', {
      name: 'Enger',
      scopes: ['deals:read'],
    });
    expect(narrower.statusCode).toBe(201);

    const readOnly = await tokenOf(sales, ['deals:read']);
    const rename = await req(bearer(readOnly.token), 'PATCH', '/api/auth/me', {
      version: 1,
      name: 'Umbenannt',
    });
    expect(rename.statusCode).toBe(403);
    expect(rename.json<Problem>().detail).toBe('This API token lacks the scope users:write');
    // what the token may do: its role's permissions, narrowed by its scopes
    const me = (await req(bearer(readOnly.token), 'GET', '/api/auth/me')).json<Me>();
    expect(me.permissions).toEqual(['deals.read', 'salesReports.read']);
    expect(sales.me.permissions).toContain('deals.write');
  });
});
