import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { Me, Team } from '../../../../contracts/identity';
import { createTestUser, createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

describe.each(DIALECTS)('teams (%s)', (dialect) => {
  let t: TestApp;
  let manager: TestSession;
  let sales: TestSession;
  let otherId: string;

  const req = (s: TestSession, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    otherId = (await createTestUser(t, { role: 'sales', name: 'Lukas Wagner' })).user.id;
  });
  afterAll(() => t?.close());

  it('creates, reads, renames a team; names are unique regardless of case', async () => {
    const created = await req(manager, 'POST', '/api/teams', {
      name: 'Vertrieb Nord',
      description: 'Hamburg',
    });
    expect(created.statusCode).toBe(201);
    const team = created.json<Team>();
    expect(team).toMatchObject({ name: 'Vertrieb Nord', description: 'Hamburg', members: [], version: 1 });

    const dup = await req(manager, 'POST', '/api/teams', { name: 'vertrieb nord' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'identity.team_name_taken', errors: [{ path: 'name' }] });

    await req(manager, 'POST', '/api/teams', { name: 'Vertrieb Süd' });
    const clash = await req(manager, 'PATCH', `/api/teams/${team.id}`, { version: 1, name: 'Vertrieb Süd' });
    expect(clash.statusCode).toBe(409);

    const renamed = await req(manager, 'PATCH', `/api/teams/${team.id}`, {
      version: 1,
      name: 'Vertrieb Nord-Ost',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Vertrieb Nord-Ost', version: 2 });
    const stale = await req(manager, 'PATCH', `/api/teams/${team.id}`, { version: 1, description: null });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'team.stale_version' });

    const got = await req(sales, 'GET', `/api/teams/${team.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id: team.id, name: 'Vertrieb Nord-Ost' });
    const list = (await req(sales, 'GET', '/api/teams?q=vertrieb')).json<{ items: Team[] }>();
    expect(list.items.map((x) => x.name)).toEqual(['Vertrieb Nord-Ost', 'Vertrieb Süd']);
  });

  it('adds and removes members: audited as the members field, with events; the member sees the team in Me', async () => {
    const team = (await req(manager, 'POST', '/api/teams', { name: 'Buchhaltung' })).json<Team>();
    const added = await req(manager, 'POST', `/api/teams/${team.id}/members`, { userId: sales.user.id });
    expect(added.statusCode).toBe(200);
    expect(added.json<Team>().members).toEqual([
      { id: sales.user.id, name: 'Julia Schneider', email: sales.user.email, role: 'sales' },
    ]);
    expect(added.json<Team>().version).toBe(2);
    // twice: no change
    const again = await req(manager, 'POST', `/api/teams/${team.id}/members`, { userId: sales.user.id });
    expect(again.json<Team>().version).toBe(2);
    await req(manager, 'POST', `/api/teams/${team.id}/members`, { userId: otherId });

    const me = (await req(sales, 'GET', '/api/auth/me')).json<Me>();
    expect(me.teams).toEqual([{ id: team.id, name: 'Buchhaltung' }]);

    const removed = await req(manager, 'DELETE', `/api/teams/${team.id}/members/${sales.user.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json<Team>().members.map((m) => m.name)).toEqual(['Lukas Wagner']);

    const audit = (await req(manager, 'GET', `/api/audit?entityType=team&entityId=${team.id}`)).json<{
      items: AuditEntry[];
    }>();
    expect(audit.items.map((a) => a.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(audit.items[0]!.changes).toEqual([
      {
        field: 'members',
        before: [
          { id: sales.user.id, name: 'Julia Schneider' },
          { id: otherId, name: 'Lukas Wagner' },
        ],
        after: [{ id: otherId, name: 'Lukas Wagner' }],
      },
    ]);
    const events = await t.ctx.db
      .selectFrom('outbox')
      .select(['type', 'payload'])
      .where('type', 'in', ['team.member_added', 'team.member_removed'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.type, JSON.parse(e.payload).userId])).toEqual([
      ['team.member_added', sales.user.id],
      ['team.member_added', otherId],
      ['team.member_removed', sales.user.id],
    ]);
  });

  it('rejects unknown users and teams; sales users may not manage teams', async () => {
    const team = (await req(manager, 'POST', '/api/teams', { name: 'Einkauf' })).json<Team>();
    const unknownUser = await req(manager, 'POST', `/api/teams/${team.id}/members`, {
      userId: '01890a5d-ac96-774b-bcce-b302099a8057',
    });
    expect(unknownUser.statusCode).toBe(422);
    expect(unknownUser.json()).toMatchObject({ errors: [{ path: 'userId' }] });
    const unknownTeam = await req(
      manager,
      'POST',
      '/api/teams/01890a5d-ac96-774b-bcce-b302099a8057/members',
      {
        userId: sales.user.id,
      },
    );
    expect(unknownTeam.statusCode).toBe(404);
    expect((await req(sales, 'POST', '/api/teams', { name: 'Meins' })).statusCode).toBe(403);
    expect(
      (await req(sales, 'POST', `/api/teams/${team.id}/members`, { userId: sales.user.id })).statusCode,
    ).toBe(403);
  });
});
