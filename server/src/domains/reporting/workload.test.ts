import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkloadReport } from '../../../../contracts/goals';
import type { Team } from '../../../../contracts/identity';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { defaultPipeline, makeCompany, postDeal, requester } from '../sales/sales-test-helpers';
import { insertTask } from '../work/work-test-helpers';

/**
 * The workload report against a hand-made dataset. Now = Thursday 2026-11-26 10:00 in Berlin.
 * Teams: Nord = Martin (manager) + Julia; Süd = Lukas. Open tasks unless said otherwise:
 *
 *   T1  Julia  call     due 11-20                  overdue
 *   T2  Julia  call     due 11-26                  due today
 *   T3  Julia  meeting  due 11-26 09:00 (Berlin)   overdue (its time has passed) and due today
 *   T4  Julia  todo     due 12-01
 *   T5  Julia  todo     done                       not counted
 *   T6  — Nord email    due 11-25                  overdue, unclaimed team task
 *   T7  Martin todo     team Nord, no due date
 *   T8  Lukas  call     due 11-01                  overdue
 *   T9  — Süd  todo     due 11-30                  unclaimed team task
 *   T10 Lukas  call     cancelled                  not counted
 *   T11 Julia  todo     team Süd, due 11-27, created 11-20
 */
describe.each(DIALECTS)('workload report (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof requester>;
  let admin: TestSession;
  let martin: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let nord: Team;
  let sued: Team;
  const tasks: Record<string, string> = {};

  const workload = async (s: TestSession, query = '') => {
    const res = await req(s, 'GET', `/api/reports/workload${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<WorkloadReport>();
  };
  /** [name, open, overdue, dueToday] */
  const figures = (rows: WorkloadReport['people']) =>
    rows.map((r) => [r.name, r.open, r.overdue, r.dueToday]);

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    req = requester(t);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Anna Admin' });
    const m = await createUserAndLogin(t, { role: 'manager', name: 'Martin Manager' });
    const j = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    const l = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    nord = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    sued = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Süd' })).json<Team>();
    await req(admin, 'POST', `/api/teams/${nord.id}/members`, { userId: m.user.id });
    await req(admin, 'POST', `/api/teams/${nord.id}/members`, { userId: j.user.id });
    await req(admin, 'POST', `/api/teams/${sued.id}/members`, { userId: l.user.id });
    martin = { ...(await loginAs(t, m.user.email, m.password)), password: m.password };
    julia = { ...(await loginAs(t, j.user.email, j.password)), password: j.password };
    lukas = { ...(await loginAs(t, l.user.email, l.password)), password: l.password };
    const J = julia.user.id;
    const L = lukas.user.id;
    const add = async (key: string, row: Parameters<typeof insertTask>[1]) => {
      tasks[key] = await insertTask(t.ctx.db, { subject: key, ...row });
    };
    await add('T1', { assignee_id: J, type: 'call', due_date: '2026-11-20' });
    await add('T2', { assignee_id: J, type: 'call', due_date: '2026-11-26' });
    await add('T3', {
      assignee_id: J,
      type: 'meeting',
      due_date: '2026-11-26',
      due_at: '2026-11-26T08:00:00.000Z',
    });
    await add('T4', { assignee_id: J, type: 'todo', due_date: '2026-12-01' });
    await add('T5', {
      assignee_id: J,
      status: 'done',
      due_date: '2026-11-10',
      completed_at: '2026-11-10T10:00:00.000Z',
      closed_at: '2026-11-10T10:00:00.000Z',
    });
    await add('T6', { team_id: nord.id, type: 'email', due_date: '2026-11-25' });
    await add('T7', { assignee_id: martin.user.id, team_id: nord.id });
    await add('T8', { assignee_id: L, type: 'call', due_date: '2026-11-01' });
    await add('T9', { team_id: sued.id, due_date: '2026-11-30' });
    await add('T10', {
      assignee_id: L,
      type: 'call',
      status: 'cancelled',
      due_date: '2026-11-02',
      cancelled_at: '2026-11-02T10:00:00.000Z',
      closed_at: '2026-11-02T10:00:00.000Z',
    });
    await add('T11', {
      assignee_id: J,
      team_id: sued.id,
      due_date: '2026-11-27',
      created_at: '2026-11-20T08:00:00.000Z',
    });
  });
  afterAll(() => t?.close());

  it('an admin sees open, overdue and due-today tasks of everyone, per person, per team and by type', async () => {
    const r = await workload(admin);
    expect(r.asOf).toBe('2026-11-26');
    expect(r.types.map((x) => x.key)).toEqual([
      'call',
      'meeting',
      'email',
      'todo',
      'collection',
      'purchase_follow_up',
    ]);
    expect(r.total).toEqual({
      open: 9,
      overdue: 4, // T1, T3, T6, T8
      dueToday: 2, // T2, T3
      byType: {
        call: { open: 3, overdue: 2 },
        meeting: { open: 1, overdue: 1 },
        email: { open: 1, overdue: 1 },
        todo: { open: 4, overdue: 0 },
      },
    });
    expect(figures(r.people)).toEqual([
      ['Julia Schneider', 5, 2, 2], // T1–T4, T11
      ['Lukas Wagner', 1, 1, 0], // T8
      ['Martin Manager', 1, 0, 0], // T7
    ]);
    expect(r.people[0]!.byType).toEqual({
      call: { open: 2, overdue: 1 },
      meeting: { open: 1, overdue: 1 },
      todo: { open: 2, overdue: 0 },
    });
    expect(r.teams.map((x) => [x.name, x.open, x.overdue, x.dueToday, x.unclaimed])).toEqual([
      ['Vertrieb Nord', 7, 3, 2, 1], // Julia's T1–T4 and T11, team task T6, Martin's T7
      ['Vertrieb Süd', 3, 1, 0, 1], // Lukas' T8, team task T9, Julia's T11 for Süd
    ]);
  });

  it('a manager sees their team and its members only; one team by teamId; others are refused', async () => {
    const r = await workload(martin);
    // T1–T4, T6, T7, T11 (Julia's, though for Süd); not Lukas' T8 nor Süd's T9
    expect([r.total.open, r.total.overdue, r.total.dueToday]).toEqual([7, 3, 2]);
    expect(figures(r.people)).toEqual([
      ['Julia Schneider', 5, 2, 2],
      ['Martin Manager', 1, 0, 0],
    ]);
    expect(r.teams.map((x) => [x.name, x.open, x.unclaimed])).toEqual([['Vertrieb Nord', 7, 1]]);

    const sud = await workload(admin, `?teamId=${sued.id}`);
    expect([sud.total.open, sud.total.overdue]).toEqual([3, 1]);
    expect(figures(sud.people)).toEqual([
      ['Lukas Wagner', 1, 1, 0],
      ['Julia Schneider', 1, 0, 0],
    ]);
    expect(sud.teams.map((x) => x.name)).toEqual(['Vertrieb Süd']);

    const foreign = await req(martin, 'GET', `/api/reports/workload?teamId=${sued.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().detail).toContain('does not exist or is not visible');
    expect((await req(julia, 'GET', '/api/reports/workload')).statusCode).toBe(403);
    const bad = await req(admin, 'GET', '/api/reports/workload?weeks=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('weeks');
  });

  it('the snapshot job writes one row per assignee × team × type, replaces its day, and feeds the trend', async () => {
    const snapshot = async (asOf: string) => {
      const run = await runJob(t.ctx, 'work.workload-snapshot', { asOf });
      expect(run.status, run.error ?? '').toBe('succeeded');
      return t.ctx.db
        .selectFrom('workload_snapshots')
        .select(['assignee_id', 'team_id', 'type', 'open_count', 'overdue_count'])
        .where('day', '=', asOf)
        .orderBy('assignee_id')
        .orderBy('team_id')
        .orderBy('type')
        .execute();
    };
    const J = julia.user.id;
    const L = lukas.user.id;
    const M = martin.user.id;
    // as of Monday 11-23, 06:00 Berlin
    const expected = [
      ['', '', '', 0, 0], // the marker: this day was taken
      ['', nord.id, 'email', 1, 0],
      ['', sued.id, 'todo', 1, 0],
      [J, '', 'call', 2, 1],
      [J, '', 'meeting', 1, 0],
      [J, '', 'todo', 1, 0],
      [J, sued.id, 'todo', 1, 0],
      [L, '', 'call', 1, 1],
      [M, nord.id, 'todo', 1, 0],
    ].sort((a, b) => `${a[0]}|${a[1]}|${a[2]}`.localeCompare(`${b[0]}|${b[1]}|${b[2]}`));
    const rows = (list: Awaited<ReturnType<typeof snapshot>>) =>
      list
        .map((r) => [r.assignee_id, r.team_id, r.type, Number(r.open_count), Number(r.overdue_count)])
        .sort((a, b) => `${a[0]}|${a[1]}|${a[2]}`.localeCompare(`${b[0]}|${b[1]}|${b[2]}`));
    const first = rows(await snapshot('2026-11-23'));
    expect(first).toEqual(expected);
    // twice: the same rows
    expect(rows(await snapshot('2026-11-23'))).toEqual(expected);
    // a task closed since: the day's rows are replaced, not added to
    await t.ctx.db.updateTable('tasks').set({ status: 'cancelled' }).where('id', '=', tasks.T9!).execute();
    expect(rows(await snapshot('2026-11-23')).length).toBe(expected.length - 1);
    await t.ctx.db.updateTable('tasks').set({ status: 'open' }).where('id', '=', tasks.T9!).execute();
    expect(rows(await snapshot('2026-11-23'))).toEqual(expected);
    // a week earlier T11 did not exist yet and only T8 was overdue
    await snapshot('2026-11-16');

    // weeks ending Sun 11-08 (no snapshot: a gap), 11-15 and 11-22
    const r = await workload(admin, '?weeks=3');
    expect(r.trend).toEqual([
      { weekEnd: '2026-11-08', open: null, overdue: null },
      { weekEnd: '2026-11-15', open: 8, overdue: 1 },
      { weekEnd: '2026-11-22', open: 9, overdue: 2 },
    ]);
    const managers = await workload(martin, '?weeks=2');
    expect(managers.trend).toEqual([
      { weekEnd: '2026-11-15', open: 6, overdue: 0 }, // T1–T4, T6, T7
      { weekEnd: '2026-11-22', open: 7, overdue: 1 }, // + T11; T1 overdue
    ]);
  });

  it('beside it: the pipeline forecast of the coming months and the goals behind pace', async () => {
    const { stage } = await defaultPipeline(t, admin);
    const jc = await makeCompany(t, 'Nordwerk', julia);
    const lc = await makeCompany(t, 'Südhang', lukas);
    await postDeal(t, julia, {
      title: 'A',
      companyId: jc,
      amountCents: 1_000_000,
      expectedCloseDate: '2026-12-15',
    });
    await postDeal(t, lukas, {
      title: 'B',
      companyId: lc,
      amountCents: 400_000,
      stageId: stage.Angebot,
      expectedCloseDate: '2026-11-30',
    });
    await postDeal(t, lukas, {
      title: 'C',
      companyId: lc,
      amountCents: 50_000,
      expectedCloseDate: '2026-10-01',
    });
    await postDeal(t, julia, {
      title: 'D',
      companyId: jc,
      amountCents: 70_000,
      expectedCloseDate: '2027-03-01',
    });

    const r = await workload(admin, '?months=2');
    expect(r.forecast).toEqual([
      { month: 'overdue', deals: 1, openCents: 50_000, weightedCents: 5_000 },
      { month: '2026-11', deals: 1, openCents: 400_000, weightedCents: 200_000 },
      { month: '2026-12', deals: 1, openCents: 1_000_000, weightedCents: 100_000 },
    ]);
    // the manager: Julia's deals only
    const m = await workload(martin, '?months=2');
    expect(m.forecast.map((f) => f.deals)).toEqual([0, 0, 1]);

    // goals of November (day 26 of 30): Julia 10 deals won → 9 expected, 0 actual: behind by 9;
    // team Süd 2 calls, 2 done: achieved; Julia in December: not running yet
    const goal = (id: string, row: object) =>
      t.ctx.db
        .insertInto('goals')
        .values({
          id,
          name: id,
          user_id: null,
          team_id: null,
          metric: 'deals_won',
          task_type: null,
          period_kind: 'month',
          period_start: '2026-11-01',
          period_end: '2026-11-30',
          target: 10,
          created_by: null,
          created_at: '2026-11-01T08:00:00.000Z',
          updated_at: '2026-11-01T08:00:00.000Z',
          version: 1,
          ...row,
        })
        .execute();
    await goal('0193a000-0000-7000-8000-000000000001', { name: 'Abschlüsse Julia', user_id: julia.user.id });
    await goal('0193a000-0000-7000-8000-000000000002', {
      name: 'Anrufe Süd',
      team_id: sued.id,
      metric: 'activities_completed',
      task_type: 'call',
      target: 2,
    });
    await goal('0193a000-0000-7000-8000-000000000003', {
      name: 'Dezember',
      user_id: julia.user.id,
      period_start: '2026-12-01',
      period_end: '2026-12-31',
    });
    for (const day of ['2026-11-05', '2026-11-12']) {
      await insertTask(t.ctx.db, {
        assignee_id: lukas.user.id,
        type: 'call',
        status: 'done',
        completed_at: `${day}T10:00:00.000Z`,
        closed_at: `${day}T10:00:00.000Z`,
      });
    }
    const gaps = (await workload(admin)).goalGaps;
    expect(gaps).toEqual([
      {
        goalId: '0193a000-0000-7000-8000-000000000001',
        name: 'Abschlüsse Julia',
        ownerName: 'Julia Schneider',
        metric: 'deals_won',
        target: 10,
        actual: 0,
        expectedByToday: 9,
        gap: 9,
      },
    ]);
    expect((await workload(martin)).goalGaps.map((g) => g.name)).toEqual(['Abschlüsse Julia']);
    expect((await workload(admin, `?teamId=${sued.id}`)).goalGaps).toEqual([]);
  });
});
