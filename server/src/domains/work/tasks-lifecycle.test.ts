import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../contracts/companies';
import type { Team } from '../../../../contracts/identity';
import type { Task } from '../../../../contracts/work';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany } from '../sales/sales-test-helpers';
import { postTask, taskEvents, taskRequester } from './tasks.test-helpers';

type Completed = { task: Task; next: Task | null };

// the test clock: Thursday 2026-11-26, 10:00 in Berlin (UTC+1)
describe.each(DIALECTS)('tasks: change, claim, complete, recur (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof taskRequester>;
  let admin: TestSession;
  let manager: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let mia: TestSession;
  let nord: Team;
  let hansen: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = taskRequester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    mia = await createUserAndLogin(t, { role: 'sales', name: 'Mia Wolf' });
    nord = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    for (const u of [manager, julia, lukas])
      await req(admin, 'POST', `/api/teams/${nord.id}/members`, { userId: u.user.id });
    const relogin = async (s: TestSession) => ({
      ...(await loginAs(t, s.user.email, s.password)),
      password: s.password,
    });
    manager = await relogin(manager);
    julia = await relogin(julia);
    lukas = await relogin(lukas);
    hansen = await makeCompany(t, 'Hansen Maschinenbau', julia);
  });
  afterAll(() => t?.close());

  it('edits a task optimistically: a stale version is 409 and changes nothing', async () => {
    const task = await postTask(t, julia, { subject: 'Alt', dueDate: '2026-12-01' });
    const ok = await req(julia, 'PATCH', `/api/tasks/${task.id}`, {
      version: 1,
      subject: 'Neu',
      priority: 'high',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Task>()).toMatchObject({ subject: 'Neu', priority: 'high', version: 2 });
    const stale = await req(julia, 'PATCH', `/api/tasks/${task.id}`, { version: 1, subject: 'Verloren' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'task.stale_version' });
    expect((await req(julia, 'GET', `/api/tasks/${task.id}`)).json<Task>().subject).toBe('Neu');
  });

  it('reassigning raises task.assigned; moving the due date moves the reminder and lets it fire again', async () => {
    const task = await postTask(t, manager, {
      subject: 'Anrufen',
      type: 'call',
      dueAt: '2026-12-01T09:00:00Z',
      assigneeId: julia.user.id,
    });
    expect(task.reminderAt).toBe('2026-12-01T08:45:00.000Z');
    await t.ctx.db
      .updateTable('tasks')
      .set({ reminder_fired_at: '2026-12-01T08:45:01.000Z' })
      .where('id', '=', task.id)
      .execute();
    const moved = (
      await req(manager, 'PATCH', `/api/tasks/${task.id}`, {
        version: 1,
        dueDate: '2026-12-03',
        assigneeId: lukas.user.id,
      })
    ).json<Task>();
    // a new date keeps the local time 10:00
    expect(moved).toMatchObject({
      dueDate: '2026-12-03',
      dueAt: '2026-12-03T09:00:00.000Z',
      assigneeId: lukas.user.id,
      reminderAt: '2026-12-03T08:45:00.000Z',
      reminderFiredAt: null,
    });
    expect(await taskEvents(t, task.id, ['task.assigned'])).toEqual([
      { type: 'task.assigned', payload: { taskId: task.id, assigneeId: lukas.user.id, teamId: null } },
    ]);
    const none = (
      await req(manager, 'PATCH', `/api/tasks/${task.id}`, { version: 2, reminder: 'none' })
    ).json<Task>();
    expect(none.reminderAt).toBeNull();
    // editing the subject neither moves the reminder nor reassigns
    await req(manager, 'PATCH', `/api/tasks/${task.id}`, { version: 3, subject: 'Anrufen!' });
    expect(await taskEvents(t, task.id, ['task.assigned'])).toHaveLength(1);
  });

  it('cancels and reopens through the status', async () => {
    const task = await postTask(t, julia, { subject: 'Vielleicht' });
    const cancelled = (
      await req(julia, 'PATCH', `/api/tasks/${task.id}`, { version: 1, status: 'cancelled' })
    ).json<Task>();
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: '2026-11-26T09:00:00.000Z' });
    const complete = await req(julia, 'POST', `/api/tasks/${task.id}/complete`, { version: 2 });
    expect(complete.statusCode).toBe(409);
    expect(complete.json()).toMatchObject({ code: 'task.not_open' });
    const reopened = (
      await req(julia, 'PATCH', `/api/tasks/${task.id}`, { version: 2, status: 'open' })
    ).json<Task>();
    expect(reopened).toMatchObject({ status: 'open', cancelledAt: null });
    const row = await t.ctx.db
      .selectFrom('tasks')
      .select(['closed_at'])
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row.closed_at).toBeNull();
  });

  it('lets a sales person read but not change a team mate’s task; managers may', async () => {
    const task = await postTask(t, manager, {
      subject: 'Julias Teamaufgabe',
      teamId: nord.id,
      assigneeId: julia.user.id,
    });
    expect((await req(lukas, 'GET', `/api/tasks/${task.id}`)).statusCode).toBe(200);
    expect(
      (await req(lukas, 'PATCH', `/api/tasks/${task.id}`, { version: 1, subject: 'x' })).statusCode,
    ).toBe(403);
    expect((await req(lukas, 'POST', `/api/tasks/${task.id}/complete`, { version: 1 })).statusCode).toBe(403);
    expect((await req(mia, 'PATCH', `/api/tasks/${task.id}`, { version: 1, subject: 'x' })).statusCode).toBe(
      404,
    );
    expect(
      (await req(manager, 'PATCH', `/api/tasks/${task.id}`, { version: 1, subject: 'Ok' })).statusCode,
    ).toBe(200);
  });

  it('lets a member claim an unclaimed team task once; non-members get 403', async () => {
    const task = await postTask(t, manager, { subject: 'Messe', teamId: nord.id });
    const outsider = await req(mia, 'POST', `/api/tasks/${task.id}/claim`, { version: 1 });
    expect(outsider.statusCode).toBe(404);
    const adminClaim = await req(admin, 'POST', `/api/tasks/${task.id}/claim`, { version: 1 });
    expect(adminClaim.statusCode).toBe(403);
    const claimed = await req(lukas, 'POST', `/api/tasks/${task.id}/claim`, { version: 1 });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json<Task>()).toMatchObject({
      assigneeId: lukas.user.id,
      assigneeName: 'Lukas Wagner',
      teamId: nord.id,
      version: 2,
    });
    const again = await req(julia, 'POST', `/api/tasks/${task.id}/claim`, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'task.already_claimed' });
    expect(await taskEvents(t, task.id, ['task.assigned'])).toEqual([
      { type: 'task.assigned', payload: { taskId: task.id, assigneeId: lukas.user.id, teamId: nord.id } },
    ]);
    const personal = await postTask(t, julia, { subject: 'Meins' });
    expect(
      (await req(julia, 'POST', `/api/tasks/${personal.id}/claim`, { version: 1 })).json(),
    ).toMatchObject({
      code: 'task.not_team_task',
    });
  });

  it('completes with outcome and note, raises task.completed, and refuses a second completion', async () => {
    const task = await postTask(t, julia, {
      type: 'call',
      subject: 'Hansen anrufen',
      notes: 'Nummer im CRM',
      companyId: hansen,
    });
    t.clock.advance(60_000);
    const res = await req(julia, 'POST', `/api/tasks/${task.id}/complete`, {
      version: 1,
      outcome: 'connected',
      note: 'Termin vereinbart',
    });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json<Completed>();
    expect(done.next).toBeNull();
    expect(done.task).toMatchObject({
      status: 'done',
      outcome: 'connected',
      notes: 'Nummer im CRM\n\nTermin vereinbart',
      completedAt: '2026-11-26T09:01:00.000Z',
      completedBy: julia.user.id,
      version: 2,
    });
    expect(await taskEvents(t, task.id, ['task.completed'])).toEqual([
      {
        type: 'task.completed',
        payload: {
          taskId: task.id,
          type: 'call',
          assigneeId: julia.user.id,
          teamId: null,
          dealId: null,
          companyId: hansen,
          outcome: 'connected',
        },
      },
    ]);
    const twice = await req(julia, 'POST', `/api/tasks/${task.id}/complete`, { version: 2 });
    expect(twice.statusCode).toBe(409);
    const stale = await req(julia, 'POST', `/api/tasks/${(await postTask(t, julia, {})).id}/complete`, {
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('an unclaimed team task becomes the completer’s', async () => {
    const task = await postTask(t, manager, { subject: 'Team erledigt', teamId: nord.id });
    const done = (
      await req(julia, 'POST', `/api/tasks/${task.id}/complete`, { version: 1 })
    ).json<Completed>();
    expect(done.task).toMatchObject({
      status: 'done',
      assigneeId: julia.user.id,
      completedBy: julia.user.id,
    });
  });

  it('completing a recurring task creates exactly one next occurrence, even when completed twice', async () => {
    const task = await postTask(t, julia, {
      subject: 'Wochenbericht',
      dueAt: '2026-11-27T14:00:00Z',
      recurrence: 'weekly',
      recurrenceUntil: '2026-12-05',
    });
    expect(task.seriesId).toBe(task.id);
    const first = (
      await req(julia, 'POST', `/api/tasks/${task.id}/complete`, { version: 1 })
    ).json<Completed>();
    expect(first.next).toMatchObject({
      status: 'open',
      seriesId: task.id,
      dueDate: '2026-12-04',
      dueAt: '2026-12-04T14:00:00.000Z',
      reminderAt: '2026-12-04T13:45:00.000Z',
      subject: 'Wochenbericht',
      assigneeId: julia.user.id,
      version: 1,
    });
    // completed again after reopening: the series has its occurrence on 2026-12-04 already
    await req(julia, 'PATCH', `/api/tasks/${task.id}`, { version: 2, status: 'open' });
    const second = (
      await req(julia, 'POST', `/api/tasks/${task.id}/complete`, { version: 3 })
    ).json<Completed>();
    expect(second.next?.id).toBe(first.next?.id);
    const series = await t.ctx.db
      .selectFrom('tasks')
      .select(['due_date'])
      .where('series_id', '=', task.id)
      .orderBy('due_date')
      .execute();
    expect(series.map((r) => r.due_date)).toEqual(['2026-11-27', '2026-12-04']);
    expect((await taskEvents(t, first.next!.id)).map((e) => e.type)).toEqual(['task.created']);
    // the next would be due 2026-12-11, after the series ends on 2026-12-05
    const last = (
      await req(julia, 'POST', `/api/tasks/${first.next!.id}/complete`, { version: 1 })
    ).json<Completed>();
    expect(last.next).toBeNull();
  });

  it('keeps the day of month of a monthly series, clamped to short months', async () => {
    const task = await postTask(t, julia, {
      subject: 'Monatsabschluss',
      dueDate: '2027-01-31',
      recurrence: 'monthly',
    });
    const feb = (await req(julia, 'POST', `/api/tasks/${task.id}/complete`, { version: 1 })).json<Completed>()
      .next!;
    expect(feb.dueDate).toBe('2027-02-28');
    const mar = (await req(julia, 'POST', `/api/tasks/${feb.id}/complete`, { version: 1 })).json<Completed>()
      .next!;
    expect(mar.dueDate).toBe('2027-03-31');
    const daily = await postTask(t, julia, {
      subject: 'Täglich',
      dueDate: '2026-12-31',
      recurrence: 'daily',
      recurrenceInterval: 2,
      reminder: 'none',
    });
    const next = (
      await req(julia, 'POST', `/api/tasks/${daily.id}/complete`, { version: 1 })
    ).json<Completed>().next!;
    expect(next).toMatchObject({ dueDate: '2027-01-02', reminderAt: null });
  });

  it('shows planned tasks and done activities on the company timeline, as far as the viewer sees them', async () => {
    const company = await makeCompany(t, 'Timeline GmbH', julia);
    const planned = await postTask(t, julia, {
      subject: 'Besuch planen',
      type: 'meeting',
      companyId: company,
      dueDate: '2026-12-10',
    });
    t.clock.advance(60_000);
    const logged = await postTask(t, julia, {
      subject: 'Kurz gesprochen',
      type: 'call',
      companyId: company,
      done: true,
      outcome: 'no_answer',
    });
    t.clock.advance(60_000);
    await postTask(t, manager, { subject: 'Heimlich', companyId: company, assigneeId: manager.user.id });
    const timeline = async (s: TestSession) =>
      (await req(s, 'GET', `/api/companies/${company}/timeline?kinds=task,activity`)).json<{
        items: TimelineEntry[];
      }>().items;
    const entries = await timeline(julia);
    expect(entries.map((e) => [e.kind, e.summary])).toEqual([
      ['activity', 'Anruf done: Kurz gesprochen (no answer)'],
      ['task', 'Termin planned: Besuch planen (due 2026-12-10)'],
    ]);
    expect(entries[0]).toMatchObject({
      id: `activity:${logged.id}`,
      actorName: 'Julia Schneider',
      ref: { type: 'task', id: logged.id },
    });
    expect(entries[1]).toMatchObject({ id: `task:${planned.id}` });
    // the manager sees their own task as well
    expect((await timeline(manager)).map((e) => e.kind)).toEqual(['task', 'activity', 'task']);
    // completing the planned meeting adds an activity entry
    await req(julia, 'POST', `/api/tasks/${planned.id}/complete`, { version: 1, outcome: 'held' });
    expect((await timeline(julia))[0]).toMatchObject({ kind: 'activity', id: `activity:${planned.id}` });
    // paging: one entry at a time reaches every entry once
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/companies/${company}/timeline?kinds=task,activity&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await req(julia, 'GET', url)).json<{
        items: TimelineEntry[];
        nextCursor: string | null;
      }>();
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await timeline(julia)).map((e) => e.id));
  });
});
