import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../../../contracts/identity';
import { SESSION_COOKIE } from '../../platform/http/auth';
import {
  bearer,
  createTestUser,
  createUserAndLogin,
  loginAs,
  type TestSession,
} from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { sha256 } from './credentials';

describe.each(DIALECTS)('login and sessions (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let sales: { email: string; password: string; id: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, {
      role: 'admin',
      email: 'chefin@muster.de',
      name: 'Katrin Hoffmann',
    });
    const s = await createTestUser(t, { role: 'sales', email: 'julia@muster.de', name: 'Julia Schneider' });
    sales = { email: s.user.email, password: s.password, id: s.user.id };
  });
  afterAll(() => t?.close());

  it('logs in with e-mail and password, sets an httpOnly session cookie and answers Me', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'Julia@Muster.de', password: sales.password },
    });
    expect(res.statusCode).toBe(200);
    const me = res.json<Me>();
    expect(me.user).toMatchObject({ id: sales.id, email: 'julia@muster.de', role: 'sales', active: true });
    expect(me.permissions).toContain('users.read');
    expect(me.permissions).not.toContain('users.manage');
    expect(me.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 14 * 24 * 3600 });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const stored = await t.ctx.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie?.value);
  });

  it('answers 401 with the same message for a wrong password, an unknown e-mail and an inactive user', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: sales.email, password: 'not-the-password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@muster.de', password: 'whatever-password' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        status: 401,
        code: 'identity.bad_credentials',
        detail: 'E-mail or password is wrong',
      });
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    }

    const inactive = await createTestUser(t, { role: 'sales', email: 'weg@muster.de' });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${inactive.user.id}`,
      headers: admin.headers,
      payload: { version: 1, active: false },
    });
    expect(patch.statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'weg@muster.de', password: inactive.password },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'identity.bad_credentials',
      detail: 'E-mail or password is wrong',
    });
  });

  it('rejects a login body with unknown fields with field errors', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email', password: 'x', remember: true },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'remember']));
  });

  it('GET /api/auth/me answers the session user with teams, permissions and CSRF token; 401 without a session', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: admin.headers.cookie! },
    });
    expect(res.statusCode).toBe(200);
    const me = res.json<Me>();
    expect(me.user.id).toBe(admin.user.id);
    expect(me.csrfToken).toBe(admin.csrf);
    expect(me.teams).toEqual([]);
    expect(me.permissions).toEqual(
      expect.arrayContaining(['users.read', 'users.manage', 'teams.manage', 'audit.read', 'system.manage']),
    );

    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'auth.unauthenticated' });
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('requires the CSRF header on cookie-authenticated changes, but not with a Bearer token', async () => {
    const payload = { name: 'CSRF-Test' };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: admin.headers.cookie! },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'auth.csrf' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: admin.headers.cookie!, 'x-csrf-token': 'x'.repeat(43) },
      payload,
    });
    expect(wrong.statusCode).toBe(403);

    const token = await t.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: admin.headers,
      payload: { name: 'Skript', scopes: ['users:write'] },
    });
    expect(token.statusCode).toBe(201);
    const viaBearer = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: bearer(token.json<{ token: string }>().token),
      payload,
    });
    expect(viaBearer.statusCode).toBe(201);
    expect(
      (await t.ctx.db.selectFrom('teams').where('name', '=', 'CSRF-Test').selectAll().execute()).length,
    ).toBe(1);
  });

  it('PATCH /api/auth/me changes name and language; a new password needs the current one', async () => {
    const me = await createUserAndLogin(t, { role: 'accounting', password: 'alt-passwort-123' });
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: me.headers,
      payload: { version: 1, name: 'Sabine Fischer', locale: 'en' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Sabine Fischer', locale: 'en', version: 2 });

    const noCurrent = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: me.headers,
      payload: { version: 2, password: 'neues-passwort-456' },
    });
    expect(noCurrent.statusCode).toBe(400);
    expect(noCurrent.json().errors).toEqual([{ path: 'currentPassword', message: expect.any(String) }]);
    const wrongCurrent = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: me.headers,
      payload: { version: 2, password: 'neues-passwort-456', currentPassword: 'falsch-falsch' },
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json()).toMatchObject({ code: 'identity.current_password_wrong' });

    // A second session of the same user ends when the password changes; the current one stays.
    const other = await loginAs(t, me.user.email, 'alt-passwort-123');
    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: me.headers,
      payload: { version: 2, password: 'neues-passwort-456', currentPassword: 'alt-passwort-123' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: me.headers })).statusCode).toBe(
      200,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: other.headers })).statusCode,
    ).toBe(401);
    // Role and active cannot be changed through /me.
    const escalate = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: me.headers,
      payload: { version: 3, role: 'admin' },
    });
    expect(escalate.statusCode).toBe(400);
    expect(escalate.json().errors[0].path).toBe('role');
  });

  it('slides the session expiry with use (written at most once a minute) and ends sessions after 14 idle days', async () => {
    const s = await loginAs(t, sales.email, sales.password);
    const row = () =>
      t.ctx.db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', sha256(s.cookie))
        .executeTakeFirstOrThrow();
    const first = await row();

    t.clock.advance(30_000);
    await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
    expect((await row()).expires_at).toBe(first.expires_at);
    t.clock.advance(31_000);
    await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
    expect((await row()).expires_at > first.expires_at).toBe(true);

    t.clock.advance(13 * 24 * 3600_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(
      200,
    );
    // 13 more days: 26 days after login, but within 14 days of the last use.
    t.clock.advance(13 * 24 * 3600_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(
      200,
    );
    t.clock.advance(14 * 24 * 3600_000 + 1000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(
      401,
    );
  });

  it('logout ends the session and clears the cookie', async () => {
    const s = await loginAs(t, sales.email, sales.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: s.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const cleared = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
    expect(after.statusCode).toBe(401);
  });

  it('rate-limits logins: the 11th attempt within a minute for one address and e-mail is 429', async () => {
    const attempt = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'wrong-password' },
      });
    for (let i = 0; i < 10; i++) expect((await attempt('ziel@muster.de')).statusCode).toBe(401);
    const limited = await attempt('ziel@muster.de');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'request.rate_limited' });
    expect(limited.json().detail).toMatch(/^Too many attempts; try again in \d+ seconds$/);
    // Another e-mail address from the same client is counted on its own.
    expect((await attempt('andere@muster.de')).statusCode).toBe(401);
  });
});
