import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { Team } from '../../../../contracts/identity';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

type AuditPage = { items: AuditEntry[]; nextCursor: string | null };

describe.each(DIALECTS)('audit trail over the API (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let manager: TestSession;
  let sales: TestSession;
  let sales2: TestSession;
  let teamId: string;

  const get = async (s: TestSession, url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: s.headers });
    expect(res.statusCode).toBe(200);
    return res.json<AuditPage>();
  };
  const post = (s: TestSession, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: s.headers, payload });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    sales2 = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    // The manager leads a team with Julia (not Lukas).
    teamId = (await post(admin, '/api/teams', { name: 'Vertrieb Nord' })).json<Team>().id;
    await post(admin, `/api/teams/${teamId}/members`, { userId: manager.user.id });
    await post(admin, `/api/teams/${teamId}/members`, { userId: sales.user.id });
    // Team membership counts from the next request on: the principal is resolved per request.
    await post(sales, '/api/api-tokens', { name: 'Julias Token', scopes: ['deals:read'] });
    await post(sales2, '/api/api-tokens', { name: 'Lukas Token', scopes: ['deals:read'] });
    await post(manager, '/api/api-tokens', { name: 'Thomas Token', scopes: ['deals:read'] });
  });
  afterAll(() => t?.close());

  it('a record’s history is field by field, newest first, with who did it', async () => {
    const page = await get(admin, `/api/audit?entityType=team&entityId=${teamId}`);
    expect(page.items.map((e) => e.action)).toEqual(['update', 'update', 'create']);
    expect(page.items[2]).toMatchObject({
      entityType: 'team',
      entityId: teamId,
      actorId: admin.user.id,
      actorName: 'Katrin Hoffmann',
      origin: null,
      at: t.clock.now().toISOString(),
    });
    expect(page.items[2]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: null, after: 'Vertrieb Nord' },
        { field: 'members', before: null, after: [] },
      ]),
    );
    expect(page.items[0]!.changes).toEqual([
      {
        field: 'members',
        before: [{ id: manager.user.id, name: 'Thomas Becker' }],
        after: expect.arrayContaining([
          { id: manager.user.id, name: 'Thomas Becker' },
          { id: sales.user.id, name: 'Julia Schneider' },
        ]),
      },
    ]);
  });

  it('the feed without filters shows only changes by people in the caller’s scope', async () => {
    const actorsSeenBy = async (s: TestSession) =>
      new Set((await get(s, '/api/audit?limit=500')).items.map((e) => e.actorId));

    // sales: own
    expect(await actorsSeenBy(sales)).toEqual(new Set([sales.user.id]));
    expect(await actorsSeenBy(sales2)).toEqual(new Set([sales2.user.id]));
    // manager: own and team mates
    expect(await actorsSeenBy(manager)).toEqual(new Set([manager.user.id, sales.user.id]));
    // admin: everything, including the system's changes (the test users were created by the system)
    expect(await actorsSeenBy(admin)).toEqual(
      new Set([null, admin.user.id, manager.user.id, sales.user.id, sales2.user.id]),
    );
    // a filter by actor cannot widen the scope
    expect((await get(sales, `/api/audit?actorId=${admin.user.id}`)).items).toEqual([]);
  });

  it('pages through the feed with a cursor', async () => {
    const first = await get(admin, '/api/audit?limit=2');
    expect(first.items.length).toBe(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await get(admin, `/api/audit?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.id)).not.toContain(first.items[0]!.id);
    expect(second.items[0]!.id < first.items[1]!.id).toBe(true);
  });
});
