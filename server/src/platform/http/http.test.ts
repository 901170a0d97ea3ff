import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '../../../../contracts/identity';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { AppError } from './errors';

const IDENTITY_PATHS = [
  '/api/auth/login',
  '/api/auth/logout',
  '/api/auth/me',
  '/api/users',
  '/api/users/{id}',
  '/api/teams',
  '/api/teams/{id}',
  '/api/teams/{id}/members',
  '/api/teams/{id}/members/{userId}',
  '/api/api-tokens',
  '/api/api-tokens/{id}',
];

describe.each(DIALECTS)('HTTP platform (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      routes(app) {
        app.get('/api/test/boom', { config: { public: true } }, async () => {
          throw new Error('connect ECONNREFUSED postgres://kontor:geheim@db:5432');
        });
        app.get('/api/test/app-error', { config: { public: true } }, async () => {
          throw new AppError('unprocessable', 'test.rule', 'A rule says no', [{ path: 'x', message: 'no' }]);
        });
      },
    });
    admin = await createUserAndLogin(t, { role: 'admin' });
  });
  afterAll(() => t?.close());

  it('GET /api/health answers ok without authentication', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('an unknown route is a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here?x=1', headers: admin.headers });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found', code: 'route.not_found' });
    expect(res.json().detail).toContain('/api/nothing-here');
  });

  it('requests without credentials get a 401 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'auth.unauthenticated' });
  });

  it('invalid JSON is a 400 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"name": "Vertrieb',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('a body over 1 MB is a 413 problem, and nothing is written', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Riesig', description: 'x'.repeat(1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 413, detail: 'The request body is too large' });
    expect(await t.ctx.db.selectFrom('teams').where('name', '=', 'Riesig').selectAll().execute()).toEqual([]);
  });

  it('an unexpected error is a 500 problem without internals; an AppError keeps its status and code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(res.body).not.toContain('geheim');
    expect(res.body).not.toContain('ECONNREFUSED');
    expect(res.body).not.toContain('stack');
    expect(res.json().detail).toContain(res.headers['x-request-id']);

    const rule = await t.app.inject({ method: 'GET', url: '/api/test/app-error' });
    expect(rule.statusCode).toBe(422);
    expect(rule.json()).toEqual({
      type: 'https://kontor.dev/problems/test.rule',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'A rule says no',
      code: 'test.rule',
      errors: [{ path: 'x', message: 'no' }],
    });
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toEqual(expect.any(String));
    expect(res.headers['referrer-policy']).toEqual(expect.any(String));
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves OpenAPI 3.1 listing every identity path, without authentication', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(IDENTITY_PATHS));
    for (const path of IDENTITY_PATHS) {
      for (const op of Object.values(doc.paths[path]!)) {
        expect(op.tags?.length, path).toBeGreaterThan(0);
        expect(op.summary, path).toEqual(expect.any(String));
      }
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('Idempotency-Key: a retried POST answers the first response and creates nothing more', async () => {
    const send = (url: string, key: string) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...admin.headers, 'idempotency-key': key },
        payload: { name: 'Idempotent GmbH-Team' },
      });
    const first = await send('/api/teams', 'key-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await send('/api/teams', 'key-1');
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const teams = await t.ctx.db
      .selectFrom('teams')
      .where('name', '=', 'Idempotent GmbH-Team')
      .selectAll()
      .execute();
    expect(teams.length).toBe(1);

    const reused = await send('/api/lost-reasons', 'key-1');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'request.idempotency_key_reused' });

    // Without a key, the same POST is a new request (and here a duplicate name).
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: admin.headers,
      payload: { name: 'Idempotent GmbH-Team' },
    });
    expect(noKey.statusCode).toBe(409);
  });

  it('cursor pagination walks every record once; a bad cursor is a 400', async () => {
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/teams',
        headers: admin.headers,
        payload: { name: `Seite ${i}` },
      });
      expect(res.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/teams?q=seite&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url, headers: admin.headers });
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: Team[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((x) => x.name));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `Seite ${i}`));

    // descending by creation
    const desc = await t.app.inject({
      method: 'GET',
      url: '/api/teams?q=seite&limit=4&sort=-createdAt',
      headers: admin.headers,
    });
    const first = desc.json<{ items: Team[]; nextCursor: string }>();
    const rest = await t.app.inject({
      method: 'GET',
      url: `/api/teams?q=seite&limit=4&sort=-createdAt&cursor=${first.nextCursor}`,
      headers: admin.headers,
    });
    expect([...first.items, ...rest.json<{ items: Team[] }>().items].map((x) => x.name)).toEqual(
      Array.from({ length: 7 }, (_, i) => `Seite ${6 - i}`),
    );

    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/teams?cursor=bm9wZQ',
      headers: admin.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'list.bad_cursor' });
    const tooMany = await t.app.inject({
      method: 'GET',
      url: '/api/teams?limit=501',
      headers: admin.headers,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('limit');
  });
});
