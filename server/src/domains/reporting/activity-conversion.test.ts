import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../../../contracts/api-scopes';
import type { Team } from '../../../../contracts/identity';
import type { DealDetail } from '../../../../contracts/sales';
import type { ActivityConversionReport } from '../../../../contracts/sales-reports';
import { bearer, createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, postDeal, requester } from '../sales/sales-test-helpers';
import { insertTask } from '../work/work-test-helpers';

/**
 * Activity conversion against a hand-made dataset; today is 2026-11-26 (Q4 is the default period).
 * Teams: Nord = Martin (manager) + Julia, Süd = Lukas. Times are 10:00 UTC unless said otherwise.
 *
 *   deals  D1 Julia 1,000,000 ¢ won 11-10 · D2 Julia 300,000 ¢ won 11-20 · D3 Lukas 500,000 ¢ won 10-15
 *          D4 Lukas 200,000 ¢ won 09-20 (Q3) · D5 Julia 800,000 ¢ open
 *   Julia  call D1 09-25 (before Q4: linked only) · call D1 11-02 · meeting D1 11-05 · email D1 11-12
 *          (after D1 was won: not linked) · call D2 11-15 · email 10-20 · todo 11-03 (no activity) ·
 *          call D2 still open (not done)
 *   Lukas  meeting D3 10-10 · call D3 10-12 · call 11-20 · call D4 09-10 (Q3) ·
 *          call 09-30 21:30 UTC (23:30 Berlin: Q3) · call 09-30 22:30 UTC (00:30 Berlin on 10-01: Q4)
 *   Martin an unclaimed Nord team e-mail he completed on 11-18
 */
describe.each(DIALECTS)('activity conversion report (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof requester>;
  let admin: TestSession;
  let martin: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let nord: Team;
  let sued: Team;
  const deals: Record<string, DealDetail> = {};

  const report = async (s: TestSession, query = '') => {
    const res = await req(s, 'GET', `/api/reports/activity-conversion${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ActivityConversionReport>();
  };
  /** [name, activities, wonDeals, wonCents, per won deal, revenue per activity, linked, linked per won deal] */
  const figures = (rows: ActivityConversionReport['rows']) =>
    rows.map((r) => [
      r.name,
      r.activities,
      r.wonDeals,
      r.wonCents,
      r.activitiesPerWonDeal,
      r.revenuePerActivityCents,
      r.linkedActivities,
      r.linkedActivitiesPerWonDeal,
    ]);

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-09-01T08:00:00.000Z' });
    req = requester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    const m = await createUserAndLogin(t, { role: 'manager', name: 'Martin Manager' });
    const j = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    const l = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    nord = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    sued = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Süd' })).json<Team>();
    await req(admin, 'POST', `/api/teams/${nord.id}/members`, { userId: m.user.id });
    await req(admin, 'POST', `/api/teams/${nord.id}/members`, { userId: j.user.id });
    await req(admin, 'POST', `/api/teams/${sued.id}/members`, { userId: l.user.id });
    // API tokens do not expire with the months the clock moves on (sessions would)
    const withToken = async (s: TestSession): Promise<TestSession> => {
      const token = await req(s, 'POST', '/api/api-tokens', { name: 'report test', scopes: API_SCOPES });
      return { ...s, headers: bearer(token.json<{ token: string }>().token) };
    };
    admin = await withToken(admin);
    martin = await withToken({ ...(await loginAs(t, m.user.email, m.password)), password: m.password });
    julia = await withToken({ ...(await loginAs(t, j.user.email, j.password)), password: j.password });
    lukas = await withToken({ ...(await loginAs(t, l.user.email, l.password)), password: l.password });

    const jc = await makeCompany(t, 'Nordwerk', julia);
    const lc = await makeCompany(t, 'Südhang', lukas);
    const deal = async (key: string, owner: TestSession, amountCents: number, wonOn?: string) => {
      deals[key] = await postDeal(t, owner, {
        title: key,
        companyId: owner === julia ? jc : lc,
        amountCents,
      });
      if (!wonOn) return;
      t.clock.set(new Date(`${wonOn}T10:00:00.000Z`));
      const res = await req(owner, 'POST', `/api/deals/${deals[key]!.id}/win`, {
        version: deals[key]!.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      t.clock.set(new Date('2026-09-01T08:00:00.000Z'));
    };
    await deal('D1', julia, 1_000_000, '2026-11-10');
    await deal('D2', julia, 300_000, '2026-11-20');
    await deal('D3', lukas, 500_000, '2026-10-15');
    await deal('D4', lukas, 200_000, '2026-09-20');
    await deal('D5', julia, 800_000);

    const done = (
      assignee: string | null,
      type: string,
      at: string,
      dealKey?: string,
      extra: object = {},
    ) => {
      const completedAt = at.includes('T') ? at : `${at}T10:00:00.000Z`;
      return insertTask(t.ctx.db, {
        assignee_id: assignee,
        type,
        status: 'done',
        completed_at: completedAt,
        completed_by: assignee,
        closed_at: completedAt,
        deal_id: dealKey ? deals[dealKey]!.id : null,
        ...extra,
      });
    };
    const J = julia.user.id;
    const L = lukas.user.id;
    await done(J, 'call', '2026-09-25', 'D1');
    await done(J, 'call', '2026-11-02', 'D1');
    await done(J, 'meeting', '2026-11-05', 'D1');
    await done(J, 'email', '2026-11-12', 'D1');
    await done(J, 'call', '2026-11-15', 'D2');
    await done(J, 'email', '2026-10-20');
    await done(J, 'todo', '2026-11-03');
    await insertTask(t.ctx.db, { assignee_id: J, type: 'call', deal_id: deals.D2!.id });
    await done(L, 'meeting', '2026-10-10', 'D3');
    await done(L, 'call', '2026-10-12', 'D3');
    await done(L, 'call', '2026-11-20');
    await done(L, 'call', '2026-09-10', 'D4');
    await done(L, 'call', '2026-09-30T21:30:00.000Z');
    await done(L, 'call', '2026-09-30T22:30:00.000Z');
    await done(null, 'email', '2026-11-18', undefined, { team_id: nord.id, completed_by: martin.user.id });
    t.clock.set(new Date('2026-11-26T09:00:00.000Z'));
  });
  afterAll(() => t?.close());

  it('per person for this quarter: activities by type, won deals, activities per won deal, revenue per activity', async () => {
    const r = await report(admin);
    expect(r).toMatchObject({ from: '2026-10-01', to: '2026-12-31', groupBy: 'person', currency: 'EUR' });
    expect(r.activityTypes.map((x) => x.key)).toEqual(['call', 'meeting', 'email']);
    expect(figures(r.rows)).toEqual([
      // 5 activities (call 11-02, 11-15, meeting 11-05, e-mails 11-12, 10-20); D1 + D2;
      // linked: D1 ← calls 09-25, 11-02, meeting 11-05; D2 ← call 11-15
      ['Julia Schneider', 5, 2, 1_300_000, 2.5, 260_000, 4, 2],
      // meeting 10-10, calls 10-12, 11-20 and 10-01 00:30 Berlin; D3 ← meeting 10-10, call 10-12
      ['Lukas Wagner', 4, 1, 500_000, 4, 125_000, 2, 2],
      // the team e-mail he completed; nothing won
      ['Martin Manager', 1, 0, 0, null, 0, 0, null],
    ]);
    expect(r.rows[0]!.byType).toEqual({ call: 2, meeting: 1, email: 2 });
    expect(r.rows[1]!.byType).toEqual({ call: 3, meeting: 1 });
    expect(r.total).toEqual({
      activities: 10,
      byType: { call: 5, meeting: 2, email: 3 },
      wonDeals: 3,
      wonCents: 1_800_000,
      activitiesPerWonDeal: 3.33,
      revenuePerActivityCents: 180_000,
      linkedActivities: 6,
      linkedActivitiesPerWonDeal: 2,
    });
    expect(r.deals.map((d) => [d.title, d.ownerName, d.amountCents, d.activities, d.byType])).toEqual([
      ['D2', 'Julia Schneider', 300_000, 1, { call: 1 }],
      ['D1', 'Julia Schneider', 1_000_000, 3, { call: 2, meeting: 1 }],
      ['D3', 'Lukas Wagner', 500_000, 2, { call: 1, meeting: 1 }],
    ]);
  });

  it('per team, for another period, for one team or person, and as a manager and a sales person see it', async () => {
    const teams = await report(admin, '?groupBy=team');
    expect(figures(teams.rows)).toEqual([
      ['Vertrieb Nord', 6, 2, 1_300_000, 3, 216_667, 4, 2],
      ['Vertrieb Süd', 4, 1, 500_000, 4, 125_000, 2, 2],
    ]);
    expect(teams.total.activities).toBe(10);

    // October only: Julia's e-mail of 10-20; Lukas' 10-01 00:30, 10-10, 10-12 and D3
    const october = await report(admin, '?from=2026-10-01&to=2026-10-31');
    expect(october.total).toMatchObject({
      activities: 4,
      wonDeals: 1,
      wonCents: 500_000,
      linkedActivities: 2,
    });
    // Q3: Lukas' calls 09-10 and 09-30 23:30 Berlin, Julia's call 09-25; D4 ← call 09-10
    const q3 = await report(admin, '?from=2026-07-01&to=2026-09-30');
    expect(figures(q3.rows)).toEqual([
      ['Lukas Wagner', 2, 1, 200_000, 2, 100_000, 1, 1],
      ['Julia Schneider', 1, 0, 0, null, 0, 0, null],
    ]);

    const sued_ = await report(admin, `?teamId=${sued.id}`);
    expect(sued_.rows.map((x) => x.name)).toEqual(['Lukas Wagner']);
    const onlyJulia = await report(admin, `?ownerId=${julia.user.id}&groupBy=team`);
    expect(figures(onlyJulia.rows)).toEqual([
      ['Vertrieb Nord', 5, 2, 1_300_000, 2.5, 260_000, 4, 2],
      ['Vertrieb Süd', 0, 0, 0, null, null, 0, null],
    ]);

    const managers = await report(martin);
    expect(managers.rows.map((x) => x.name)).toEqual(['Julia Schneider', 'Martin Manager']);
    expect(managers.total.activities).toBe(6);
    const managersTeams = await report(martin, '?groupBy=team');
    expect(managersTeams.rows.map((x) => x.name)).toEqual(['Vertrieb Nord']);
    const juliasView = await report(julia);
    expect(figures(juliasView.rows)).toEqual([['Julia Schneider', 5, 2, 1_300_000, 2.5, 260_000, 4, 2]]);
    expect(juliasView.deals.map((d) => d.title)).toEqual(['D2', 'D1']);
  });

  it('refuses a backwards period and people without the sales reports permission', async () => {
    const backwards = await req(
      admin,
      'GET',
      '/api/reports/activity-conversion?from=2026-11-10&to=2026-11-01',
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ path: 'to', message: 'The period ends before it starts' }]);
    const accountant = await createUserAndLogin(t, { role: 'accounting' });
    expect((await req(accountant, 'GET', '/api/reports/activity-conversion')).statusCode).toBe(403);
  });
});
