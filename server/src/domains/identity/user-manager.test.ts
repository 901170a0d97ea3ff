import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { EmailTemplate } from '../../../../contracts/automation';
import type { Team, User } from '../../../../contracts/identity';
import { createTestUser, createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { sendEmailAction } from '../automation/actions/send-email.action';
import { type ActionContext, recordTypeOf } from '../automation/registry';

describe.each(DIALECTS)('users report to a manager (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let sales: TestSession;

  const req = (s: TestSession, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const newUser = (email: string, extra: object = {}) =>
    req(admin, 'POST', '/api/users', {
      email,
      name: email.split('@')[0],
      password: 'sicheres-passwort-1',
      role: 'sales',
      ...extra,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
  });
  afterAll(() => t?.close());

  it('an admin sets, changes and clears whom a user reports to (audited)', async () => {
    const { user: boss } = await createTestUser(t, { role: 'manager', name: 'Thomas Becker' });
    const created = await newUser('anna@muster.de', { managerId: boss.id });
    expect(created.statusCode).toBe(201);
    const anna = created.json<User>();
    expect(anna.managerId).toBe(boss.id);
    expect((await req(admin, 'GET', `/api/users/${anna.id}`)).json()).toMatchObject({ managerId: boss.id });

    const { user: other } = await createTestUser(t, { role: 'manager', name: 'Petra Lang' });
    const changed = await req(admin, 'PATCH', `/api/users/${anna.id}`, { version: 1, managerId: other.id });
    expect(changed.json()).toMatchObject({ managerId: other.id, version: 2 });
    const cleared = await req(admin, 'PATCH', `/api/users/${anna.id}`, { version: 2, managerId: null });
    expect(cleared.json()).toMatchObject({ managerId: null, version: 3 });

    const audit = await req(admin, 'GET', `/api/audit?entityType=user&entityId=${anna.id}`);
    const changes = audit.json<{ items: AuditEntry[] }>().items.flatMap((e) => e.changes);
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'managerId', before: boss.id, after: other.id },
        { field: 'managerId', before: other.id, after: null },
      ]),
    );
    // only administrators choose managers
    expect(
      (await req(sales, 'PATCH', `/api/users/${anna.id}`, { version: 3, managerId: boss.id })).statusCode,
    ).toBe(403);
  });

  it('refuses an unknown or deactivated manager, the user itself and cycles (422, nothing written)', async () => {
    const { user: a } = await createTestUser(t, { role: 'manager' });
    const { user: b } = await createTestUser(t, { role: 'sales' });
    const { user: c } = await createTestUser(t, { role: 'sales' });
    const { user: gone } = await createTestUser(t, { role: 'manager' });
    expect(
      (await req(admin, 'PATCH', `/api/users/${gone.id}`, { version: 1, active: false })).statusCode,
    ).toBe(200);

    const unknown = await newUser('x1@muster.de', { managerId: '01939d2e-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({
      code: 'identity.unknown_manager',
      errors: [{ path: 'managerId' }],
    });
    expect((await newUser('x2@muster.de', { managerId: gone.id })).json()).toMatchObject({
      code: 'identity.manager_inactive',
    });
    const users = (await req(admin, 'GET', '/api/users?q=x')).json<{ items: User[] }>().items;
    expect(users.map((u) => u.email)).not.toContain('x1@muster.de');

    const self = await req(admin, 'PATCH', `/api/users/${b.id}`, { version: 1, managerId: b.id });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ code: 'identity.manager_self', errors: [{ path: 'managerId' }] });

    // c → b → a; a reporting to c would close the circle
    expect(
      (await req(admin, 'PATCH', `/api/users/${b.id}`, { version: 1, managerId: a.id })).statusCode,
    ).toBe(200);
    expect(
      (await req(admin, 'PATCH', `/api/users/${c.id}`, { version: 1, managerId: b.id })).statusCode,
    ).toBe(200);
    const cycle = await req(admin, 'PATCH', `/api/users/${a.id}`, { version: 1, managerId: c.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json()).toMatchObject({ code: 'identity.manager_cycle', errors: [{ path: 'managerId' }] });
    expect((await req(admin, 'GET', `/api/users/${a.id}`)).json()).toMatchObject({
      managerId: null,
      version: 1,
    });
  });

  it('the user record type: the set manager, else a manager of the user’s teams, else null', async () => {
    const { user: teamBoss } = await createTestUser(t, { role: 'manager', name: 'Aaron Teamchef' });
    const { user: direct } = await createTestUser(t, { role: 'manager', name: 'Zora Direkt' });
    const { user: inTeam } = await createTestUser(t, { role: 'sales', name: 'Tim Team', locale: 'en' });
    const { user: alone } = await createTestUser(t, { role: 'sales', name: 'Olga Allein' });
    const withManager = (await newUser('mit@muster.de', { managerId: direct.id })).json<User>();
    const team = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb West' })).json<Team>();
    for (const u of [teamBoss, inTeam, withManager]) {
      await req(admin, 'POST', `/api/teams/${team.id}/members`, { userId: u.id });
    }

    const users = recordTypeOf('user')!;
    const loaded = await users.load(t.ctx.db, [inTeam.id, alone.id, withManager.id, teamBoss.id, 'nope']);
    expect(loaded.get(inTeam.id)).toEqual({
      id: inTeam.id,
      name: 'Tim Team',
      email: inTeam.email,
      locale: 'en',
      role: 'sales',
      active: true,
      managerId: teamBoss.id,
    });
    expect(loaded.get(alone.id)!.managerId).toBeNull();
    expect(loaded.get(withManager.id)!.managerId).toBe(direct.id);
    // a manager is not their own manager
    expect(loaded.get(teamBoss.id)!.managerId).toBeNull();
    expect(loaded.has('nope')).toBe(false);
    expect(users.label(loaded.get(inTeam.id)!)).toBe('Tim Team');

    const teams = await recordTypeOf('team')!.load(t.ctx.db, [team.id]);
    expect(teams.get(team.id)).toEqual({ id: team.id, name: 'Vertrieb West' });
  });

  it('a deactivated manager does not count: the team manager takes over, else nobody', async () => {
    const { user: teamBoss } = await createTestUser(t, { role: 'manager', name: 'Bernd Teamleitung' });
    const { user: leaver } = await createTestUser(t, { role: 'manager', name: 'Lena Geht' });
    const inTeam = (await newUser('im-team@muster.de', { managerId: leaver.id })).json<User>();
    const alone = (await newUser('allein@muster.de', { managerId: leaver.id })).json<User>();
    const team = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Ost' })).json<Team>();
    for (const u of [teamBoss, inTeam]) {
      await req(admin, 'POST', `/api/teams/${team.id}/members`, { userId: u.id });
    }
    const users = recordTypeOf('user')!;
    expect((await users.load(t.ctx.db, [inTeam.id])).get(inTeam.id)!.managerId).toBe(leaver.id);

    expect(
      (await req(admin, 'PATCH', `/api/users/${leaver.id}`, { version: 1, active: false })).statusCode,
    ).toBe(200);
    const loaded = await users.load(t.ctx.db, [inTeam.id, alone.id]);
    expect(loaded.get(inTeam.id)!.managerId).toBe(teamBoss.id);
    expect(loaded.get(alone.id)!.managerId).toBeNull();
  });

  it('send_email to a deactivated user fails with a clear message (a problem in dry runs)', async () => {
    const { user: gone } = await createTestUser(t, { role: 'sales', name: 'Gerd Weg' });
    const template = (
      await req(admin, 'POST', '/api/automation/email-templates', {
        name: 'Hinweis',
        subjectDe: 'Hinweis',
        bodyDe: 'Text',
        subjectEn: 'Note',
        bodyEn: 'Text',
      })
    ).json<EmailTemplate>();
    const action = {
      kind: 'send_email' as const,
      templateId: template.id,
      to: { kind: 'user' as const, userId: gone.id },
    };
    const ctx = { root: null, scope: {}, render: (text: string) => text } as unknown as ActionContext;
    const describeNow = () => sendEmailAction.describe({ ...ctx, db: t.ctx.db }, action);
    expect((await describeNow()).problem).toBeNull();

    expect(
      (await req(admin, 'PATCH', `/api/users/${gone.id}`, { version: 1, active: false })).statusCode,
    ).toBe(200);
    expect((await describeNow()).problem).toBe('Gerd Weg ist deaktiviert (user)');
    await expect(
      t.ctx.db.transaction().execute((trx) => sendEmailAction.execute({ ...ctx, trx }, action)),
    ).rejects.toThrow('Gerd Weg is deactivated (user)');
  });
});
