import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { User } from '../../../../contracts/identity';
import { bearer, createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

describe.each(DIALECTS)('users (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let sales: TestSession;

  const as = (s: { headers: Record<string, string> }) => ({
    get: (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers }),
    post: (url: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object }),
    patch: (url: string, payload: unknown) =>
      t.app.inject({ method: 'PATCH', url, headers: s.headers, payload: payload as object }),
    delete: (url: string) => t.app.inject({ method: 'DELETE', url, headers: s.headers }),
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin', email: 'admin@muster.de', name: 'Katrin Hoffmann' });
    sales = await createUserAndLogin(t, { role: 'sales', email: 'julia@muster.de', name: 'Julia Schneider' });
  });
  afterAll(() => t?.close());

  it('an admin creates a user (201), who can then log in; the audit trail has it without the password', async () => {
    const res = await as(admin).post('/api/users', {
      email: 'Lukas.Wagner@Muster.de',
      name: '  Lukas Wagner ',
      password: 'sicheres-passwort-1',
      role: 'sales',
    });
    expect(res.statusCode).toBe(201);
    const user = res.json<User>();
    expect(user).toMatchObject({
      email: 'lukas.wagner@muster.de',
      name: 'Lukas Wagner',
      role: 'sales',
      locale: 'de',
      active: true,
      version: 1,
    });
    expect(JSON.stringify(user)).not.toContain('password');
    await loginAs(t, 'lukas.wagner@muster.de', 'sicheres-passwort-1');

    const audit = await as(admin).get(`/api/audit?entityType=user&entityId=${user.id}`);
    expect(audit.statusCode).toBe(200);
    const [entry] = audit.json<{ items: AuditEntry[] }>().items;
    expect(entry).toMatchObject({ action: 'create', actorId: admin.user.id, actorName: 'Katrin Hoffmann' });
    expect(entry!.changes).toEqual(
      expect.arrayContaining([
        { field: 'email', before: null, after: 'lukas.wagner@muster.de' },
        { field: 'role', before: null, after: 'sales' },
        { field: 'password', before: null, after: '***' },
      ]),
    );
    expect(JSON.stringify(entry)).not.toContain('sicheres-passwort-1');
    expect(JSON.stringify(entry)).not.toContain('argon2');

    const outbox = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'user.created')
      .execute();
    expect(outbox.map((e) => JSON.parse(e.payload).userId)).toContain(user.id);
  });

  it('answers 409 with a field error when the e-mail address is taken (in any case)', async () => {
    const res = await as(admin).post('/api/users', {
      email: 'JULIA@muster.de',
      name: 'Julia Zwei',
      password: 'noch-ein-passwort',
      role: 'sales',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'identity.email_taken',
      errors: [{ path: 'email', message: expect.any(String) }],
    });
  });

  it('rejects unknown and invalid fields with 400 and errors[].path', async () => {
    const res = await as(admin).post('/api/users', {
      email: 'x@muster.de',
      name: 'X',
      password: 'kurz',
      role: 'boss',
      isAdmin: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['password', 'role', 'isAdmin']));
    const patch = await as(admin).patch(`/api/users/${sales.user.id}`, {
      version: 1,
      email: 'neu@muster.de',
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors).toEqual([{ path: 'email', message: 'Unknown field "email"' }]);
  });

  it('edits with the version: 200 with the next version, then 409 for the stale one', async () => {
    const created = (
      await as(admin).post('/api/users', {
        email: 'sabine@muster.de',
        name: 'Sabine Fischer',
        password: 'passwort-sabine',
        role: 'accounting',
      })
    ).json<User>();
    const first = await as(admin).patch(`/api/users/${created.id}`, {
      version: 1,
      name: 'Sabine Fischer-Wolf',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ name: 'Sabine Fischer-Wolf', version: 2 });
    const stale = await as(admin).patch(`/api/users/${created.id}`, { version: 1, role: 'manager' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'user.stale_version' });
    expect((await as(admin).get(`/api/users/${created.id}`)).json()).toMatchObject({
      role: 'accounting',
      version: 2,
    });

    const audit = (await as(admin).get(`/api/audit?entityType=user&entityId=${created.id}`)).json<{
      items: AuditEntry[];
    }>();
    expect(audit.items[0]).toMatchObject({
      action: 'update',
      changes: [{ field: 'name', before: 'Sabine Fischer', after: 'Sabine Fischer-Wolf' }],
    });

    // An admin sets a new password: audited as changed, never in clear.
    const pw = await as(admin).patch(`/api/users/${created.id}`, {
      version: 2,
      password: 'ganz-neues-passwort',
    });
    expect(pw.statusCode).toBe(200);
    const pwAudit = (await as(admin).get(`/api/audit?entityType=user&entityId=${created.id}`)).json<{
      items: AuditEntry[];
    }>();
    expect(pwAudit.items[0]!.changes).toEqual([{ field: 'password', before: '***', after: '***' }]);
  });

  it('404 for an unknown user, 400 for a malformed id', async () => {
    const missing = await as(admin).get('/api/users/01890a5d-ac96-774b-bcce-b302099a8057');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'user.not_found' });
    const bad = await as(admin).get('/api/users/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('id');
  });

  it('lists the directory for everyone with users.read: search, filter, sort', async () => {
    const all = await as(sales).get('/api/users?limit=100');
    expect(all.statusCode).toBe(200);
    const names = all.json<{ items: User[] }>().items.map((u) => u.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    expect(names).toContain('Katrin Hoffmann');

    const search = (await as(sales).get('/api/users?q=SCHNEI')).json<{ items: User[] }>();
    expect(search.items.map((u) => u.email)).toEqual(['julia@muster.de']);
    const byMail = (await as(sales).get('/api/users?q=lukas.wagner@')).json<{ items: User[] }>();
    expect(byMail.items.map((u) => u.name)).toEqual(['Lukas Wagner']);
    const wildcard = (await as(sales).get('/api/users?q=%25')).json<{ items: User[] }>();
    expect(wildcard.items).toEqual([]);
    const admins = (await as(sales).get('/api/users?role=admin')).json<{ items: User[] }>();
    expect(admins.items.map((u) => u.role)).toEqual(['admin']);
    const desc = (await as(sales).get('/api/users?sort=-email&limit=2')).json<{
      items: User[];
      nextCursor: string;
    }>();
    expect(desc.items.length).toBe(2);
    expect(desc.items[0]!.email > desc.items[1]!.email).toBe(true);
    expect(desc.nextCursor).toEqual(expect.any(String));
    expect((await as(sales).get('/api/users?sort=password')).statusCode).toBe(400);
  });

  it('a sales user reads the directory but may not create or change users (403)', async () => {
    const res = await as(sales).post('/api/users', {
      email: 'neu@muster.de',
      name: 'Neu',
      password: 'passwort-neu-1',
      role: 'admin',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'auth.forbidden',
      detail: 'You are not allowed to manage users',
    });
    const patch = await as(sales).patch(`/api/users/${sales.user.id}`, { version: 1, role: 'admin' });
    expect(patch.statusCode).toBe(403);
  });

  it('an admin can neither deactivate nor demote themselves', async () => {
    const deactivate = await as(admin).patch(`/api/users/${admin.user.id}`, { version: 1, active: false });
    expect(deactivate.statusCode).toBe(422);
    expect(deactivate.json()).toMatchObject({
      code: 'identity.cannot_deactivate_self',
      errors: [{ path: 'active' }],
    });
    const demote = await as(admin).patch(`/api/users/${admin.user.id}`, { version: 1, role: 'manager' });
    expect(demote.statusCode).toBe(422);
    expect(demote.json()).toMatchObject({ code: 'identity.cannot_demote_self' });
    expect((await as(admin).get(`/api/users/${admin.user.id}`)).json()).toMatchObject({
      role: 'admin',
      active: true,
      version: 1,
    });
  });

  it('deactivating a user ends their sessions and revokes their API tokens at once', async () => {
    const victim = await createUserAndLogin(t, { role: 'purchasing', email: 'michael@muster.de' });
    const token = (
      await as(victim).post('/api/api-tokens', { name: 'ERP-Anbindung', scopes: ['users:read'] })
    ).json<{
      token: string;
    }>().token;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(200);

    const res = await as(admin).patch(`/api/users/${victim.user.id}`, { version: 1, active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, version: 2 });

    const oldCookie = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: victim.headers });
    expect(oldCookie.statusCode).toBe(401);
    const oldToken = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) });
    expect(oldToken.statusCode).toBe(401);

    const events = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'user.deactivated')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload))).toContainEqual({ userId: victim.user.id });
    // Reactivated, the old token stays revoked; the user logs in again.
    expect(
      (await as(admin).patch(`/api/users/${victim.user.id}`, { version: 2, active: true })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(401);
    await loginAs(t, victim.user.email, victim.password);
  });

  it('keeps the last active administrator (also against the system)', async () => {
    const { changeUser } = await import('./users.service');
    const { systemActor } = await import('../../platform/actor');
    const current = (await as(admin).get(`/api/users/${admin.user.id}`)).json<User>();
    await expect(
      changeUser(t.ctx, systemActor('cli'), admin.user.id, { version: current.version, role: 'sales' }),
    ).rejects.toMatchObject({ code: 'identity.last_admin', status: 409 });
  });
});
