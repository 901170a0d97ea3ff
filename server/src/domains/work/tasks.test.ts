import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '../../../../contracts/identity';
import { type Task, TaskList } from '../../../../contracts/work';
import { createTestUser, createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, makeContact, postDeal } from '../sales/sales-test-helpers';
import { postTask, taskEvents, taskRequester } from './tasks.test-helpers';
import { saveWorkSettings } from './work-settings.repository';

// the test clock: Thursday 2026-11-26, 10:00 in Berlin (UTC+1)
describe.each(DIALECTS)('tasks: create, read, list (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof taskRequester>;
  let admin: TestSession;
  let manager: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let mia: TestSession;
  let nord: Team;
  let sued: Team;
  let hansen: string;
  let hansenContact: string;
  let huber: string;
  let huberContact: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = taskRequester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    mia = await createUserAndLogin(t, { role: 'sales', name: 'Mia Wolf' });
    nord = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    sued = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Süd' })).json<Team>();
    for (const u of [manager, julia, lukas])
      await req(admin, 'POST', `/api/teams/${nord.id}/members`, { userId: u.user.id });
    await req(admin, 'POST', `/api/teams/${sued.id}/members`, { userId: mia.user.id });
    // log in again: the teams are part of the session's actor
    const relogin = async (s: TestSession) => ({
      ...(await loginAs(t, s.user.email, s.password)),
      password: s.password,
    });
    manager = await relogin(manager);
    julia = await relogin(julia);
    lukas = await relogin(lukas);
    mia = await relogin(mia);
    hansen = await makeCompany(t, 'Hansen Maschinenbau', julia);
    hansenContact = await makeContact(t, hansen, 'Hansen');
    huber = await makeCompany(t, 'Huber Präzisionstechnik', lukas);
    huberContact = await makeContact(t, huber, 'Huber');
  });
  afterAll(() => t?.close());

  it('creates a task for its creator with the default reminder, an audit entry and task.created', async () => {
    const task = await postTask(t, julia, {
      subject: '  Angebot nachfassen ',
      dueDate: '2026-12-01',
      companyId: hansen,
      contactId: hansenContact,
    });
    expect(task).toMatchObject({
      type: 'todo',
      typeName: 'Aufgabe',
      subject: 'Angebot nachfassen',
      dueDate: '2026-12-01',
      dueAt: null,
      priority: 'normal',
      status: 'open',
      overdue: false,
      assigneeId: julia.user.id,
      assigneeName: 'Julia Schneider',
      teamId: null,
      companyId: hansen,
      companyName: 'Hansen Maschinenbau',
      contactId: hansenContact,
      origin: 'manual',
      recurrence: 'none',
      seriesId: null,
      // 09:00 Berlin on the due day (winter time)
      reminderAt: '2026-12-01T08:00:00.000Z',
      reminderFiredAt: null,
      createdBy: julia.user.id,
      createdAt: '2026-11-26T09:00:00.000Z',
      version: 1,
    });
    expect(task.contactName).toContain('Hansen');
    expect((await req(julia, 'GET', `/api/tasks/${task.id}`)).json()).toEqual(task);
    expect(await taskEvents(t, task.id)).toEqual([
      {
        type: 'task.created',
        payload: {
          taskId: task.id,
          type: 'todo',
          assigneeId: julia.user.id,
          teamId: null,
          dealId: null,
          companyId: hansen,
        },
      },
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', task.id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ entity_type: 'task', action: 'create', actor_id: julia.user.id }),
    ]);
  });

  it('derives the due date of a timed task in the company time zone and uses the assignee’s settings', async () => {
    await saveWorkSettings(
      t.ctx.db,
      lukas.user.id,
      { reminderMinutesBefore: 30 },
      '2026-11-26T09:00:00.000Z',
    );
    // 23:30 UTC on 1 December is 00:30 on 2 December in Berlin
    const call = await postTask(t, julia, {
      type: 'call',
      subject: 'Rückruf Hansen',
      dueAt: '2026-12-01T23:30:00Z',
      durationMinutes: 15,
      assigneeId: lukas.user.id,
    });
    expect(call).toMatchObject({
      dueDate: '2026-12-02',
      dueAt: '2026-12-01T23:30:00.000Z',
      assigneeId: lukas.user.id,
      reminderAt: '2026-12-01T23:00:00.000Z',
      durationMinutes: 15,
    });
    const none = await postTask(t, julia, { dueDate: '2026-12-01', reminder: 'none' });
    expect(none.reminderAt).toBeNull();
    const custom = await postTask(t, julia, { dueDate: '2026-12-01', reminder: '2026-11-30T16:00:00Z' });
    expect(custom.reminderAt).toBe('2026-11-30T16:00:00.000Z');
    const undated = await postTask(t, julia, {});
    expect(undated).toMatchObject({ dueDate: null, reminderAt: null });
  });

  it('gives a team task to nobody until claimed, with the default reminder', async () => {
    const task = await postTask(t, manager, {
      subject: 'Messe vorbereiten',
      teamId: nord.id,
      dueDate: '2026-12-03',
    });
    expect(task).toMatchObject({
      assigneeId: null,
      teamId: nord.id,
      teamName: 'Vertrieb Nord',
      reminderAt: '2026-12-03T08:00:00.000Z',
    });
    const both = await postTask(t, manager, { teamId: nord.id, assigneeId: julia.user.id });
    expect(both).toMatchObject({ assigneeId: julia.user.id, teamId: nord.id });
  });

  it('derives the company of a task about a deal', async () => {
    const deal = await postDeal(t, julia, { title: 'Fräsmaschine', companyId: hansen, amountCents: 100_000 });
    const task = await postTask(t, julia, {
      type: 'meeting',
      dealId: deal.id,
      dueAt: '2026-12-04T13:00:00Z',
    });
    expect(task).toMatchObject({
      dealId: deal.id,
      dealTitle: 'Fräsmaschine',
      companyId: hansen,
      reminderAt: '2026-12-04T12:45:00.000Z',
    });
    expect((await taskEvents(t, task.id))[0]?.payload).toMatchObject({ dealId: deal.id, companyId: hansen });
    const wrong = await req(julia, 'POST', '/api/tasks', {
      type: 'todo',
      subject: 'x',
      dealId: deal.id,
      companyId: huber,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'task.deal_not_of_company', errors: [{ path: 'dealId' }] });
  });

  it('logs an activity that happened: done now, no reminder, task.created and task.completed', async () => {
    const call = await postTask(t, julia, {
      type: 'call',
      subject: 'Kurz telefoniert',
      companyId: hansen,
      done: true,
      outcome: 'connected',
      notes: 'Will Angebot bis Freitag',
    });
    expect(call).toMatchObject({
      status: 'done',
      outcome: 'connected',
      completedAt: '2026-11-26T09:00:00.000Z',
      completedBy: julia.user.id,
      dueDate: '2026-11-26',
      reminderAt: null,
      overdue: false,
    });
    expect((await taskEvents(t, call.id)).map((e) => e.type)).toEqual(['task.created', 'task.completed']);
    expect((await taskEvents(t, call.id))[1]?.payload).toMatchObject({
      outcome: 'connected',
      assigneeId: julia.user.id,
    });
    const earlier = await postTask(t, julia, {
      type: 'meeting',
      done: true,
      completedAt: '2026-11-25T14:00:00Z',
    });
    expect(earlier).toMatchObject({ completedAt: '2026-11-25T14:00:00.000Z', dueDate: '2026-11-25' });
  });

  it('rejects bad input with errors that name the field', async () => {
    const { user: gone } = await createTestUser(t, { role: 'sales', name: 'Ex Kollege' });
    await req(admin, 'PATCH', `/api/users/${gone.id}`, { version: gone.version, active: false });
    const cases: Array<[object, number, string, string?]> = [
      [{ subject: '' }, 400, 'subject'],
      [{ type: 'telepathy' }, 422, 'type', 'task.unknown_type'],
      [{ dueDate: '2026-02-30' }, 400, 'dueDate'],
      [{ recurrence: 'weekly' }, 400, 'dueDate'],
      [{ priority: 'urgent' }, 400, 'priority'],
      [{ assigneeId: gone.id }, 422, 'assigneeId', 'task.assignee_inactive'],
      [{ assigneeId: '0190a000-0000-7000-8000-00000000dead' }, 422, 'assigneeId', 'task.unknown_assignee'],
      [{ teamId: '0190a000-0000-7000-8000-00000000dead' }, 422, 'teamId', 'task.unknown_team'],
      [{ teamId: sued.id, assigneeId: julia.user.id }, 422, 'assigneeId', 'task.assignee_not_in_team'],
      [{ companyId: hansen, contactId: huberContact }, 422, 'contactId', 'task.contact_not_of_company'],
      [{ companyId: '0190a000-0000-7000-8000-00000000dead' }, 422, 'companyId', 'task.unknown_company'],
      [{ dealId: '0190a000-0000-7000-8000-00000000dead' }, 422, 'dealId', 'task.unknown_deal'],
      [{ dueDate: '2026-12-01', dueAt: '2026-12-02T10:00:00Z' }, 422, 'dueDate', 'task.due_mismatch'],
      [{ done: true, completedAt: '2026-11-27T10:00:00Z' }, 422, 'completedAt', 'task.completed_in_future'],
      [{ done: true, recurrence: 'daily', dueDate: '2026-11-26' }, 422, 'recurrence', 'task.done_recurring'],
      [{ color: 'red' }, 400, 'color'],
    ];
    for (const [body, status, path, code] of cases) {
      const res = await req(julia, 'POST', '/api/tasks', { type: 'todo', subject: 'Test', ...body });
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(status);
      const problem = res.json<{ code: string; errors: Array<{ path: string }> }>();
      expect(
        problem.errors.map((e) => e.path),
        res.body,
      ).toContain(path);
      if (code) expect(problem.code).toBe(code);
    }
    const count = await t.ctx.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject', '=', 'Test')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('shows sales people their own and their team’s tasks, managers their teams’, admins all', async () => {
    const mine = await postTask(t, julia, { subject: 'V: Julias eigene' });
    const lukasOwn = await postTask(t, lukas, { subject: 'V: Lukas eigene' });
    const teamTask = await postTask(t, manager, { subject: 'V: Team Nord', teamId: nord.id });
    const miasOwn = await postTask(t, mia, { subject: 'V: Mias eigene' });
    const sued1 = await postTask(t, admin, { subject: 'V: Team Süd', teamId: sued.id });
    const delegated = await postTask(t, julia, { subject: 'V: Julia an Mia', assigneeId: mia.user.id });
    const visible = async (s: TestSession) =>
      (await req(s, 'GET', '/api/tasks?q=V:&limit=100'))
        .json<{ items: Task[] }>()
        .items.map((x) => x.subject)
        .sort();
    expect(await visible(julia)).toEqual(['V: Julia an Mia', 'V: Julias eigene', 'V: Team Nord']);
    expect(await visible(lukas)).toEqual(['V: Lukas eigene', 'V: Team Nord']);
    expect(await visible(mia)).toEqual(['V: Julia an Mia', 'V: Mias eigene', 'V: Team Süd']);
    expect(await visible(manager)).toEqual(['V: Julias eigene', 'V: Lukas eigene', 'V: Team Nord']);
    expect(await visible(admin)).toEqual([
      'V: Julia an Mia',
      'V: Julias eigene',
      'V: Lukas eigene',
      'V: Mias eigene',
      'V: Team Nord',
      'V: Team Süd',
    ]);
    expect((await req(lukas, 'GET', `/api/tasks/${mine.id}`)).statusCode).toBe(404);
    expect((await req(manager, 'GET', `/api/tasks/${miasOwn.id}`)).statusCode).toBe(404);
    expect((await req(manager, 'GET', `/api/tasks/${lukasOwn.id}`)).statusCode).toBe(200);
    expect((await req(mia, 'GET', `/api/tasks/${sued1.id}`)).statusCode).toBe(200);
    expect((await req(julia, 'GET', `/api/tasks/${delegated.id}`)).statusCode).toBe(200);
    expect((await req(julia, 'GET', `/api/tasks/${teamTask.id}`)).statusCode).toBe(200);
    // "my team's" tasks: team tasks of my teams and my team mates' tasks
    const mineTeams = (await req(manager, 'GET', '/api/tasks?q=V:&teamId=mine')).json<{ items: Task[] }>();
    expect(mineTeams.items.map((x) => x.subject).sort()).toEqual([
      'V: Julias eigene',
      'V: Lukas eigene',
      'V: Team Nord',
    ]);
  });

  it('filters by assignee, team, type, status, overdue, due range, related record and subject', async () => {
    const base = { subject: 'F: x' };
    const a = await postTask(t, lukas, { ...base, type: 'call', dueDate: '2026-11-20', companyId: huber });
    const b = await postTask(t, lukas, { ...base, type: 'meeting', dueAt: '2026-11-26T08:00:00Z' });
    const c = await postTask(t, lukas, { ...base, type: 'todo', dueDate: '2026-11-26' });
    const d = await postTask(t, lukas, {
      ...base,
      type: 'todo',
      dueDate: '2026-12-10',
      contactId: huberContact,
    });
    const e = await postTask(t, lukas, { ...base, type: 'email' });
    const f = await postTask(t, manager, { ...base, teamId: nord.id, dueDate: '2026-11-01' });
    const ids = async (query: string, s: TestSession = lukas) =>
      (await req(s, 'GET', `/api/tasks?q=F:&${query}`)).json<{ items: Task[] }>().items.map((x) => x.id);
    // by due date: all-day tasks before the timed ones of the same day, undated last
    expect(await ids('assigneeId=me')).toEqual([a.id, c.id, b.id, d.id, e.id]);
    expect(await ids(`assigneeId=${lukas.user.id}&type=call,meeting`)).toEqual([a.id, b.id]);
    expect(await ids(`teamId=${nord.id}`)).toEqual([f.id]);
    // as the workload counts a team: its team tasks and its members' tasks
    expect(await ids(`teamId=${nord.id}&withMembers=true`)).toEqual([f.id, a.id, c.id, b.id, d.id, e.id]);
    expect(await ids(`teamId=${nord.id}&withMembers=true&unclaimed=true`)).toEqual([f.id]);
    expect(await ids(`teamId=${nord.id}&withMembers=true&type=call`)).toEqual([a.id]);
    expect(await ids('unclaimed=true')).toEqual([f.id]);
    // overdue: due before today, or timed earlier today (08:00Z < now 09:00Z)
    expect(await ids('overdue=true')).toEqual([f.id, a.id, b.id]);
    expect((await req(lukas, 'GET', `/api/tasks/${b.id}`)).json<Task>().overdue).toBe(true);
    expect(await ids('overdue=false')).toEqual([c.id, d.id, e.id]);
    expect(await ids('dueFrom=2026-11-20&dueTo=2026-11-26')).toEqual([a.id, c.id, b.id]);
    expect(await ids(`companyId=${huber}`)).toEqual([a.id, d.id]);
    expect(await ids(`contactId=${huberContact}`)).toEqual([d.id]);
    expect(await ids('status=open&origin=manual&limit=2')).toHaveLength(2);
    expect(await ids('status=done')).toEqual([]);
    expect((await req(lukas, 'GET', '/api/tasks?sort=colour')).statusCode).toBe(400);
  });

  it('pages through a sorted list without gaps or repeats (undated tasks last)', async () => {
    const subjects = ['P: 1', 'P: 2', 'P: 3', 'P: 4', 'P: 5'];
    const dates = ['2026-12-05', null, '2026-12-01', '2026-12-05', '2026-11-30'];
    for (const [i, subject] of subjects.entries())
      await postTask(t, mia, { subject, dueDate: dates[i], priority: i === 2 ? 'high' : 'normal' });
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/tasks?q=P:&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await req(mia, 'GET', url)).json<{ items: Task[]; nextCursor: string | null }>();
        seen.push(...page.items.map((x) => x.subject));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('dueDate')).toEqual(['P: 5', 'P: 3', 'P: 1', 'P: 4', 'P: 2']);
    expect(await walk('-dueDate')).toEqual(['P: 2', 'P: 4', 'P: 1', 'P: 3', 'P: 5']);
    expect((await walk('-priority'))[0]).toBe('P: 3');
    expect(await walk('createdAt')).toHaveLength(5);
  });

  it('writes each list page exactly as the contract, with the names of what the tasks refer to', async () => {
    const deal = await postDeal(t, lukas, { title: 'N: Drehbank', companyId: huber, amountCents: 50_000 });
    const about = await postTask(t, lukas, {
      subject: 'N: 1',
      dueDate: '2026-11-30',
      companyId: huber,
      contactId: huberContact,
      dealId: deal.id,
    });
    await postTask(t, manager, { subject: 'N: 2', dueDate: '2026-12-01', teamId: nord.id });
    await postTask(t, lukas, { subject: 'N: 3', dueAt: '2026-12-02T09:30:00Z', companyId: huber });
    await postTask(t, lukas, { subject: 'N: 4' });
    const items: Task[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/tasks?q=N:&status=open&sort=dueDate&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await req(lukas, 'GET', url)).json<{ items: Task[]; nextCursor: string | null }>();
      // the list is written without the response schema's parse: it must match the contract exactly
      expect(TaskList.parse(page)).toEqual(page);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(items.map((x) => x.subject)).toEqual(['N: 1', 'N: 2', 'N: 3', 'N: 4']);
    expect(items[0]).toMatchObject({
      assigneeName: 'Lukas Wagner',
      teamName: null,
      companyName: 'Huber Präzisionstechnik',
      contactName: expect.stringContaining('Huber'),
      dealTitle: 'N: Drehbank',
    });
    expect(items[1]).toMatchObject({ assigneeName: null, teamName: 'Vertrieb Nord' });
    // the same as one task read on its own (written through the schema)
    expect((await req(lukas, 'GET', `/api/tasks/${about.id}`)).json()).toEqual(items[0]);
  });

  it('answers a retried POST with the same Idempotency-Key with the first task', async () => {
    const headers = { 'idempotency-key': 'task-once' };
    const first = await req(julia, 'POST', '/api/tasks', { type: 'todo', subject: 'Einmalig' }, headers);
    const again = await req(julia, 'POST', '/api/tasks', { type: 'todo', subject: 'Einmalig' }, headers);
    expect(again.json<Task>().id).toBe(first.json<Task>().id);
    const rows = await t.ctx.db.selectFrom('tasks').select('id').where('subject', '=', 'Einmalig').execute();
    expect(rows).toHaveLength(1);
  });

  it('needs tasks.write to create and shows nothing without logging in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks' })).statusCode).toBe(401);
  });
});
