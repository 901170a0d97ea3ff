import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiToken, Me } from '../../../../contracts/identity';
import { bearer, createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

describe.each(DIALECTS)('API tokens (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let sales: TestSession;
  let accounting: TestSession;

  const req = (h: Record<string, string>, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: h, ...(payload ? { payload } : {}) });
  const create = async (s: TestSession, name: string, extra: object = {}) => {
    const res = await req(s.headers, 'POST', '/api/api-tokens', { name, scopes: ['deals:read'], ...extra });
    expect(res.statusCode).toBe(201);
    return res.json<CreatedApiToken>();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    accounting = await createUserAndLogin(t, { role: 'accounting' });
  });
  afterAll(() => t?.close());

  it('creates a token shown once, stored as hash; it authenticates as its user and records last use', async () => {
    const created = await create(sales, 'Outlook-Plugin');
    expect(created.token).toMatch(/^kontor_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 15));
    expect(created).toMatchObject({
      name: 'Outlook-Plugin',
      userId: sales.user.id,
      lastUsedAt: null,
      expiresAt: null,
      scopes: ['deals:read'],
    });

    const row = await t.ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token);

    const me = await req(bearer(created.token), 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json<Me>()).toMatchObject({ user: { id: sales.user.id }, csrfToken: null });

    const listed = (await req(sales.headers, 'GET', '/api/api-tokens')).json<{
      items: Record<string, unknown>[];
    }>();
    const item = listed.items.find((x) => x.id === created.id)!;
    expect(item.lastUsedAt).toBe(t.clock.now().toISOString());
    expect(item).not.toHaveProperty('token');

    expect((await req(bearer('kontor_nope'), 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await req({ authorization: 'Basic abc' }, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('non-admins see and revoke only their own tokens; admins see all', async () => {
    const own = await create(sales, 'Eigenes');
    const foreign = await create(accounting, 'DATEV-Export');

    const salesList = (await req(sales.headers, 'GET', '/api/api-tokens')).json<{
      items: { userId: string }[];
    }>();
    expect(new Set(salesList.items.map((x) => x.userId))).toEqual(new Set([sales.user.id]));
    // accounting sees all records of other domains, but only its own tokens
    const accList = (await req(accounting.headers, 'GET', '/api/api-tokens')).json<{
      items: { userId: string }[];
    }>();
    expect(new Set(accList.items.map((x) => x.userId))).toEqual(new Set([accounting.user.id]));
    const adminList = (await req(admin.headers, 'GET', '/api/api-tokens')).json<{
      items: { id: string }[];
    }>();
    expect(adminList.items.map((x) => x.id)).toEqual(expect.arrayContaining([own.id, foreign.id]));

    const notMine = await req(sales.headers, 'DELETE', `/api/api-tokens/${foreign.id}`);
    expect(notMine.statusCode).toBe(404);
    expect((await req(bearer(foreign.token), 'GET', '/api/auth/me')).statusCode).toBe(200);

    const mine = await req(sales.headers, 'DELETE', `/api/api-tokens/${own.id}`);
    expect(mine.statusCode).toBe(204);
    expect(mine.body).toBe('');
    expect((await req(bearer(own.token), 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await req(sales.headers, 'DELETE', `/api/api-tokens/${own.id}`)).statusCode).toBe(404);

    const byAdmin = await req(admin.headers, 'DELETE', `/api/api-tokens/${foreign.id}`);
    expect(byAdmin.statusCode).toBe(204);
    expect((await req(bearer(foreign.token), 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('expiring tokens stop working after their expiry; an expiry in the past is a 400', async () => {
    const past = await req(sales.headers, 'POST', '/api/api-tokens', {
      name: 'Zu spät',
      scopes: ['deals:read'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ errors: [{ path: 'expiresAt' }] });

    const inADay = new Date(t.clock.now().getTime() + 24 * 3600_000);
    // with an offset: stored in UTC
    const local = `${inADay.toISOString().slice(0, 19)}+01:00`;
    const tok = await create(sales, 'Befristet', { expiresAt: local });
    expect(tok.expiresAt).toBe(new Date(local).toISOString());
    expect((await req(bearer(tok.token), 'GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(24 * 3600_000);
    expect((await req(bearer(tok.token), 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('revocations and creations are in the audit trail', async () => {
    const tok = await create(sales, 'Audit-Test');
    await req(sales.headers, 'DELETE', `/api/api-tokens/${tok.id}`);
    const audit = (
      await req(sales.headers, 'GET', `/api/audit?entityType=api_token&entityId=${tok.id}`)
    ).json<{
      items: { action: string; changes: { field: string; after: unknown }[] }[];
    }>();
    expect(audit.items.map((a) => a.action)).toEqual(['delete', 'create']);
    expect(JSON.stringify(audit)).not.toContain(tok.token);
  });
});
