import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalProgress, GoalWithProgress } from '../../../../contracts/goals';
import type { Team } from '../../../../contracts/identity';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, postDeal } from '../sales/sales-test-helpers';
import { insertTask } from './work-test-helpers';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

// "Today" is Thursday 2026-11-26 in Berlin: day 26 of November's 30.
const NOW = '2026-11-26T09:00:00.000Z';

describe.each(DIALECTS)('goals (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let manager: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let nord: Team;
  let sued: Team;
  let juliasCompany: string;

  const req = (s: TestSession, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const create = async (s: TestSession, body: object) => {
    const res = await req(s, 'POST', '/api/goals', body);
    if (res.statusCode !== 201) throw new Error(`POST /api/goals failed: ${res.statusCode} ${res.body}`);
    return res.json<GoalWithProgress>();
  };
  const progressOf = async (id: string) =>
    (await req(admin, 'GET', `/api/goals/${id}/progress`)).json<GoalProgress>();
  const relogin = async (s: TestSession) => ({
    ...(await loginAs(t, s.user.email, s.password)),
    password: s.password,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: NOW });
    admin = await createUserAndLogin(t, { role: 'admin' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    nord = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    sued = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Süd' })).json<Team>();
    for (const u of [manager, julia]) {
      await req(admin, 'POST', `/api/teams/${nord.id}/members`, { userId: u.user.id });
    }
    await req(admin, 'POST', `/api/teams/${sued.id}/members`, { userId: lukas.user.id });
    // the teams are part of the session's actor
    [manager, julia, lukas] = await Promise.all([relogin(manager), relogin(julia), relogin(lukas)]);
    juliasCompany = await makeCompany(t, 'Hansen Maschinenbau', julia);
  });
  afterAll(() => t?.close());

  it('creates a monthly revenue goal for a team: the calendar month, a readable name, pacing from zero', async () => {
    const goal = await create(manager, {
      teamId: nord.id,
      metric: 'revenue_won',
      periodKind: 'month',
      periodStart: '2026-11-17',
      target: 3_000_000,
    });
    expect(goal).toMatchObject({
      name: 'Revenue won · Vertrieb Nord · 2026-11',
      userId: null,
      teamId: nord.id,
      teamName: 'Vertrieb Nord',
      periodKind: 'month',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      target: 3_000_000,
      createdBy: manager.user.id,
      version: 1,
    });
    expect(goal.progress).toEqual({
      goalId: goal.id,
      actual: 0,
      target: 3_000_000,
      percent: 0,
      expectedByToday: 2_600_000,
      pace: -2_600_000,
      status: 'behind',
      daysTotal: 30,
      daysElapsed: 26,
      asOf: '2026-11-26',
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_label'])
      .where('entity_id', '=', goal.id)
      .execute();
    expect(audit).toEqual([{ action: 'create', entity_label: 'Revenue won · Vertrieb Nord · 2026-11' }]);
  });

  it('progress follows the data: winning a deal of a team member raises the team goal', async () => {
    const goal = await create(manager, {
      name: 'Nord November',
      teamId: nord.id,
      metric: 'revenue_won',
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 1_000_000,
    });
    const deals = await create(manager, {
      teamId: nord.id,
      metric: 'deals_won',
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 4,
    });
    const deal = await postDeal(t, julia, {
      title: 'Fräsmaschine',
      companyId: juliasCompany,
      amountCents: 950_000,
    });
    expect(deal.teamId).toBe(nord.id);
    expect((await progressOf(goal.id)).actual).toBe(0);

    const won = await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    expect(won.statusCode, won.body).toBe(200);
    expect(await progressOf(goal.id)).toMatchObject({
      actual: 950_000,
      percent: 95,
      expectedByToday: 866_667,
      pace: 83_333,
      status: 'ahead',
    });
    expect((await progressOf(deals.id)).actual).toBe(1);

    // someone else's deal without the team does not count; with the team it does
    const other = await postDeal(t, admin, {
      title: 'Fremd',
      companyId: juliasCompany,
      ownerId: lukas.user.id,
      teamId: null,
      amountCents: 10_000,
    });
    await req(admin, 'POST', `/api/deals/${other.id}/win`, { version: other.version });
    expect((await progressOf(goal.id)).actual).toBe(950_000);
    const forNord = await postDeal(t, admin, {
      title: 'Für Nord',
      companyId: juliasCompany,
      ownerId: lukas.user.id,
      teamId: nord.id,
      amountCents: 50_000,
    });
    await req(admin, 'POST', `/api/deals/${forNord.id}/win`, { version: forNord.version });
    expect(await progressOf(goal.id)).toMatchObject({ actual: 1_000_000, percent: 100, status: 'achieved' });
    expect((await progressOf(deals.id)).actual).toBe(2);

    // the list carries the same progress
    const list = (await req(manager, 'GET', `/api/goals?teamId=${nord.id}&metric=revenue_won`)).json<{
      items: GoalWithProgress[];
    }>();
    expect(list.items.find((g) => g.id === goal.id)?.progress.actual).toBe(1_000_000);
  });

  it('counts payments received in the period on the team’s invoices (invoices collected)', async () => {
    const settings = (await req(admin, 'GET', '/api/billing/settings')).json<{ version: number }>();
    const seller = await req(admin, 'PATCH', '/api/billing/settings', {
      version: settings.version,
      sellerName: 'Muster Maschinenbau GmbH',
      street: 'Industriestraße 12',
      postalCode: '20095',
      city: 'Hamburg',
      country: 'DE',
      vatId: 'DE123456789',
      iban: 'DE89 3704 0044 0532 0130 00',
    });
    expect(seller.statusCode, seller.body).toBe(200);
    const goal = await create(manager, {
      teamId: nord.id,
      metric: 'invoices_collected',
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 500_000,
    });
    const deal = await postDeal(t, julia, {
      title: 'Service',
      companyId: juliasCompany,
      amountCents: 100_000,
    });
    await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    const draft = await req(admin, 'POST', `/api/deals/${deal.id}/invoice`);
    expect(draft.statusCode, draft.body).toBe(201);
    const invoice = draft.json<{ id: string; version: number }>();
    const issued = await req(admin, 'POST', `/api/invoices/${invoice.id}/issue`, {
      version: invoice.version,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect((await progressOf(goal.id)).actual).toBe(0);

    // 19 % VAT on 1,000 €: 1,190 € gross, paid in two parts, one of them before the period
    const pay = (amountCents: number, date: string) =>
      req(admin, 'POST', `/api/invoices/${invoice.id}/payments`, { amountCents, date });
    expect((await pay(19_000, '2026-10-31')).statusCode).toBe(201);
    expect((await pay(100_000, '2026-11-20')).statusCode).toBe(201);
    expect((await progressOf(goal.id)).actual).toBe(100_000);
  });

  it('counts deals by the company time zone, also across a DST switch', async () => {
    const march = await create(admin, {
      userId: julia.user.id,
      metric: 'deals_won',
      periodKind: 'month',
      periodStart: '2026-03-10',
      target: 5,
    });
    const april = await create(admin, {
      userId: julia.user.id,
      metric: 'deals_won',
      periodKind: 'month',
      periodStart: '2026-04-30',
      target: 5,
    });
    expect([march.periodStart, march.periodEnd, april.periodStart, april.periodEnd]).toEqual([
      '2026-03-01',
      '2026-03-31',
      '2026-04-01',
      '2026-04-30',
    ]);
    // Berlin is UTC+2 since 29 March: 31 March 22:30 UTC is 1 April 00:30 local
    const wonAt = async (at: string) => {
      const d = await postDeal(t, julia, { title: `Deal ${at}`, companyId: juliasCompany, amountCents: 100 });
      const res = await req(julia, 'POST', `/api/deals/${d.id}/win`, { version: d.version });
      expect(res.statusCode).toBe(200);
      await t.ctx.db.updateTable('deals').set({ won_at: at }).where('id', '=', d.id).execute();
    };
    await wonAt('2026-02-28T23:30:00.000Z'); // 1 March 00:30 CET → March
    await wonAt('2026-03-31T21:59:59.000Z'); // 31 March 23:59:59 CEST → March
    await wonAt('2026-03-31T22:30:00.000Z'); // 1 April 00:30 CEST → April
    await wonAt('2026-02-28T22:30:00.000Z'); // 28 February 23:30 CET → neither
    expect(await progressOf(march.id)).toMatchObject({
      actual: 2,
      status: 'missed',
      daysTotal: 31,
      daysElapsed: 31,
    });
    expect(await progressOf(april.id)).toMatchObject({ actual: 1, expectedByToday: 5, status: 'missed' });
  });

  it('counts completed activities of the goal’s type, or of every activity type', async () => {
    const calls = await create(manager, {
      userId: julia.user.id,
      metric: 'activities_completed',
      taskType: 'call',
      periodKind: 'custom',
      periodStart: '2026-11-20',
      periodEnd: '2026-12-04',
      target: 10,
    });
    expect(calls).toMatchObject({
      name: 'Activities completed (Anruf) · Julia Schneider · 2026-11-20 – 2026-12-04',
    });
    const teamActivities = await create(manager, {
      teamId: nord.id,
      metric: 'activities_completed',
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 30,
    });
    const done = (
      type: string,
      completedAt: string,
      who: { assignee_id?: string | null; team_id?: string | null },
    ) =>
      insertTask(t.ctx.db, {
        type,
        status: 'done',
        completed_at: completedAt,
        closed_at: completedAt,
        ...who,
      });
    await done('call', '2026-11-21T10:00:00.000Z', { assignee_id: julia.user.id });
    await done('call', '2026-11-25T10:00:00.000Z', { assignee_id: julia.user.id, team_id: nord.id });
    await done('meeting', '2026-11-22T10:00:00.000Z', { assignee_id: julia.user.id });
    await done('todo', '2026-11-22T10:00:00.000Z', { assignee_id: julia.user.id }); // not an activity
    await done('call', '2026-11-19T10:00:00.000Z', { assignee_id: julia.user.id }); // before the custom period
    await done('email', '2026-11-23T10:00:00.000Z', { assignee_id: null, team_id: nord.id }); // the team's
    await done('call', '2026-11-23T10:00:00.000Z', { assignee_id: lukas.user.id }); // not a member
    await insertTask(t.ctx.db, { type: 'call', status: 'open', assignee_id: julia.user.id }); // not done

    expect(await progressOf(calls.id)).toMatchObject({ actual: 2, daysTotal: 15, daysElapsed: 7 });
    // three calls, one meeting, one team e-mail in November
    expect((await progressOf(teamActivities.id)).actual).toBe(5);
  });

  it('derives quarters and years from any day in them, and checks custom periods', async () => {
    const quarter = await create(admin, {
      userId: lukas.user.id,
      metric: 'deals_created',
      periodKind: 'quarter',
      periodStart: '2026-11-15',
      target: 20,
    });
    expect([quarter.periodStart, quarter.periodEnd, quarter.name]).toEqual([
      '2026-10-01',
      '2026-12-31',
      'New deals · Lukas Wagner · Q4 2026',
    ]);
    const year = await create(admin, {
      teamId: sued.id,
      metric: 'deals_created',
      periodKind: 'year',
      periodStart: '2028-02-29',
      target: 80,
    });
    expect([year.periodStart, year.periodEnd, year.progress.status, year.progress.daysTotal]).toEqual([
      '2028-01-01',
      '2028-12-31',
      'upcoming',
      366,
    ]);
    expect(year.progress).toMatchObject({ expectedByToday: 0, daysElapsed: 0 });

    const check = async (body: object, status: number, path: string, message: RegExp) => {
      const res = await req(admin, 'POST', '/api/goals', {
        userId: lukas.user.id,
        metric: 'deals_won',
        periodKind: 'custom',
        periodStart: '2026-11-01',
        target: 3,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(status);
      const problem = res.json<{ detail: string; errors: Array<{ path: string; message: string }> }>();
      expect(problem.errors.map((e) => e.path)).toContain(path);
      expect(`${problem.detail} ${problem.errors.map((e) => e.message).join(' ')}`).toMatch(message);
    };
    await check({}, 422, 'periodEnd', /custom period needs periodEnd/);
    await check({ periodEnd: '2026-10-31' }, 422, 'periodEnd', /ends before it starts/);
    await check(
      { periodKind: 'month', periodEnd: '2026-11-30' },
      422,
      'periodEnd',
      /only for custom periods/,
    );
    await check(
      { periodEnd: '2026-11-30', taskType: 'call' },
      422,
      'taskType',
      /Only goals for completed activities/,
    );
    await check(
      { metric: 'activities_completed', periodEnd: '2026-11-30', taskType: 'site_visit' },
      422,
      'taskType',
      /does not exist/,
    );
    await check({ periodEnd: '2026-11-30', teamId: sued.id }, 400, 'userId', /either a person or a team/);
    await check(
      { periodEnd: '2026-11-30', userId: '0190aaaa-0000-7000-8000-000000000000' },
      422,
      'userId',
      /does not exist/,
    );
    await check({ periodEnd: '2026-11-30', target: 0 }, 400, 'target', /./);
    await check({ periodEnd: '2026-11-30', target: 12.5 }, 400, 'target', /whole number/);
    const count = await t.ctx.db
      .selectFrom('goals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
    const strays = await t.ctx.db
      .selectFrom('goals')
      .select('id')
      .where('period_end', '=', '2026-10-31')
      .execute();
    expect(strays).toEqual([]);
  });

  it('managers plan for their teams and members only; sales people cannot set goals', async () => {
    const forbidden = await req(julia, 'POST', '/api/goals', {
      userId: julia.user.id,
      metric: 'deals_won',
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 3,
    });
    expect(forbidden.statusCode).toBe(403);
    const base = { metric: 'deals_won', periodKind: 'month', periodStart: '2026-11-01', target: 3 };
    const otherTeam = await req(manager, 'POST', '/api/goals', { ...base, teamId: sued.id });
    expect(otherTeam.statusCode, otherTeam.body).toBe(422);
    expect(otherTeam.json()).toMatchObject({ code: 'work.goal_not_your_team' });
    const notMember = await req(manager, 'POST', '/api/goals', { ...base, userId: lukas.user.id });
    expect(notMember.statusCode).toBe(422);
    expect(notMember.json<{ detail: string }>().detail).toMatch(/Lukas Wagner is not a member of your teams/);
    expect((await req(manager, 'POST', '/api/goals', { ...base, userId: julia.user.id })).statusCode).toBe(
      201,
    );
  });

  it('shows each person the goals they may see', async () => {
    const forLukas = await create(admin, {
      userId: lukas.user.id,
      metric: 'deals_won',
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 2,
    });
    const forJulia = await create(admin, {
      userId: julia.user.id,
      metric: 'revenue_won',
      periodKind: 'year',
      periodStart: '2026-01-01',
      target: 10_000_000,
    });
    const forManager = await create(admin, {
      userId: manager.user.id,
      metric: 'deals_won',
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 6,
    });
    const ids = async (s: TestSession, query = '') =>
      (await req(s, 'GET', `/api/goals${query}`))
        .json<{ items: GoalWithProgress[] }>()
        .items.map((g) => g.id);

    const juliaSees = await ids(julia);
    expect(juliaSees).toContain(forJulia.id);
    expect(juliaSees).not.toContain(forLukas.id);
    expect(juliaSees).not.toContain(forManager.id); // a team mate's personal goal
    const teamGoals = (await req(julia, 'GET', '/api/goals')).json<{ items: GoalWithProgress[] }>().items;
    expect(teamGoals.some((g) => g.teamId === nord.id)).toBe(true);
    expect(teamGoals.every((g) => g.userId === julia.user.id || g.teamId === nord.id)).toBe(true);

    const managerSees = await ids(manager);
    expect(managerSees).toEqual(expect.arrayContaining([forJulia.id, forManager.id]));
    expect(managerSees).not.toContain(forLukas.id);
    expect(await ids(lukas)).toContain(forLukas.id);
    expect(await ids(lukas)).not.toContain(forJulia.id);
    expect(await ids(admin)).toEqual(expect.arrayContaining([forJulia.id, forLukas.id, forManager.id]));

    expect((await req(julia, 'GET', `/api/goals/${forLukas.id}`)).statusCode).toBe(404);
    expect((await req(julia, 'GET', `/api/goals/${forLukas.id}/progress`)).statusCode).toBe(404);
    expect((await req(lukas, 'GET', `/api/goals/${forLukas.id}`)).json()).toMatchObject({
      userName: 'Lukas Wagner',
    });

    // mine: the manager's own goals and his teams'
    const mine = (await req(manager, 'GET', '/api/goals?mine=true')).json<{ items: GoalWithProgress[] }>()
      .items;
    expect(mine.map((g) => g.id)).toContain(forManager.id);
    expect(mine.every((g) => g.userId === manager.user.id || g.teamId === nord.id)).toBe(true);
    // activeOn: the 2028 goal only with all, or on a day in 2028
    const all = await ids(admin, '?activeOn=all');
    const in2028 = await ids(admin, '?activeOn=2028-06-01');
    const today = await ids(admin);
    expect(in2028.length).toBe(1);
    expect(all).toContain(in2028[0]);
    expect(today).not.toContain(in2028[0]);
    expect((await ids(admin, `?userId=${lukas.user.id}&activeOn=all`)).length).toBeGreaterThanOrEqual(2);
  });

  it('edits with the version (a generated name follows the period) and deletes', async () => {
    const goal = await create(manager, {
      userId: julia.user.id,
      metric: 'deals_created',
      periodKind: 'month',
      periodStart: '2026-11-01',
      target: 8,
    });
    const res = await req(manager, 'PATCH', `/api/goals/${goal.id}`, {
      version: 1,
      periodKind: 'quarter',
      target: 20,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'New deals · Julia Schneider · Q4 2026',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      target: 20,
      version: 2,
    });
    const stale = await req(manager, 'PATCH', `/api/goals/${goal.id}`, { version: 1, target: 5 });
    expect(stale.statusCode).toBe(409);
    const named = await req(manager, 'PATCH', `/api/goals/${goal.id}`, { version: 2, name: 'Neue Deals Q4' });
    expect(named.json()).toMatchObject({ name: 'Neue Deals Q4', version: 3 });
    const customWithoutEnd = await req(manager, 'PATCH', `/api/goals/${goal.id}`, {
      version: 3,
      periodKind: 'custom',
    });
    // a custom period keeps the end it had
    expect(customWithoutEnd.json()).toMatchObject({
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      name: 'Neue Deals Q4',
    });

    expect((await req(julia, 'DELETE', `/api/goals/${goal.id}`)).statusCode).toBe(403);
    expect((await req(manager, 'DELETE', `/api/goals/${goal.id}?version=1`)).statusCode).toBe(409);
    expect((await req(manager, 'DELETE', `/api/goals/${goal.id}?version=4`)).statusCode).toBe(204);
    expect((await req(manager, 'GET', `/api/goals/${goal.id}`)).statusCode).toBe(404);
    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', goal.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'delete']);
  });
});
