import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '../../../../contracts/identity';
import type { Agenda, CalendarFeed } from '../../../../contracts/work';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany } from '../sales/sales-test-helpers';
import { insertTask } from './work-test-helpers';

type Method = 'GET' | 'POST' | 'DELETE';

// Thursday 2026-11-26, 10:00 in Berlin.
const NOW = '2026-11-26T09:00:00.000Z';

describe.each(DIALECTS)('calendar (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let manager: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let nord: Team;
  const ids: Record<string, string> = {};

  const req = (s: TestSession, method: Method, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...s.headers, ...headers } });
  const agenda = async (s: TestSession, query: string) => {
    const res = await req(s, 'GET', `/api/calendar/agenda?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Agenda>();
  };
  const subjects = (tasks: Agenda['items']) => tasks.map((x) => x.subject);
  const pathOf = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: NOW });
    admin = await createUserAndLogin(t, { role: 'admin' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    nord = (
      await t.app.inject({
        method: 'POST',
        url: '/api/teams',
        headers: admin.headers,
        payload: { name: 'Vertrieb Nord' },
      })
    ).json<Team>();
    for (const u of [manager, julia]) {
      await t.app.inject({
        method: 'POST',
        url: `/api/teams/${nord.id}/members`,
        headers: admin.headers,
        payload: { userId: u.user.id },
      });
    }
    manager = { ...(await loginAs(t, manager.user.email, manager.password)), password: manager.password };
    julia = { ...(await loginAs(t, julia.user.email, julia.password)), password: julia.password };
    const company = await makeCompany(t, 'Hansen Maschinenbau', julia);

    const j = julia.user.id;
    ids.call = await insertTask(t.ctx.db, {
      type: 'call',
      subject: 'Call Hansen',
      notes: 'Ask about the offer',
      assignee_id: j,
      company_id: company,
      due_date: '2026-11-27',
      due_at: '2026-11-27T09:00:00.000Z',
      duration_minutes: 20,
      reminder_at: '2026-11-27T08:45:00.000Z',
    });
    ids.todo = await insertTask(t.ctx.db, { subject: 'Write offer', assignee_id: j, due_date: '2026-11-26' });
    ids.team = await insertTask(t.ctx.db, {
      subject: 'Team follow-up',
      team_id: nord.id,
      due_date: '2026-11-30',
    });
    ids.claimed = await insertTask(t.ctx.db, {
      subject: 'Claimed by Thomas',
      team_id: nord.id,
      assignee_id: manager.user.id,
      due_date: '2026-11-28',
    });
    ids.doneToday = await insertTask(t.ctx.db, {
      type: 'meeting',
      subject: 'Met Hansen',
      assignee_id: j,
      status: 'done',
      due_date: '2026-11-26',
      completed_at: '2026-11-26T08:00:00.000Z',
    });
    ids.doneLongAgo = await insertTask(t.ctx.db, {
      subject: 'Done long ago',
      assignee_id: j,
      status: 'done',
      due_date: '2026-11-20',
      completed_at: '2026-10-01T08:00:00.000Z',
    });
    ids.cancelled = await insertTask(t.ctx.db, {
      subject: 'Cancelled',
      assignee_id: j,
      status: 'cancelled',
      due_date: '2026-11-27',
    });
    ids.overdue = await insertTask(t.ctx.db, {
      subject: 'Overdue reminder',
      assignee_id: j,
      due_date: '2026-11-20',
    });
    ids.noDate = await insertTask(t.ctx.db, { subject: 'Someday', assignee_id: j });
    ids.lukas = await insertTask(t.ctx.db, {
      subject: 'Lukas task',
      assignee_id: lukas.user.id,
      due_date: '2026-11-27',
    });
    ids.farAway = await insertTask(t.ctx.db, {
      subject: 'Next year',
      assignee_id: j,
      due_date: '2027-09-01',
    });
  });
  afterAll(() => t?.close());

  it('lists my open tasks of the week and my teams’ unclaimed ones, with overdue ones apart', async () => {
    const week = await agenda(julia, 'from=2026-11-23&to=2026-11-29');
    expect(subjects(week.items)).toEqual(['Write offer', 'Call Hansen']);
    expect(week.items.map((x) => x.overdue)).toEqual([false, false]);
    expect(week.items[1]).toMatchObject({
      typeName: 'Anruf',
      companyName: 'Hansen Maschinenbau',
      dueAt: '2026-11-27T09:00:00.000Z',
    });
    expect(subjects(week.overdue)).toEqual(['Overdue reminder']);
    // a range that holds the overdue task lists it there, flagged
    const twoWeeks = await agenda(julia, 'from=2026-11-16&to=2026-11-29');
    expect(subjects(twoWeeks.items)).toEqual(['Overdue reminder', 'Write offer', 'Call Hansen']);
    expect(twoWeeks.items.map((x) => x.overdue)).toEqual([true, false, false]);
    expect(twoWeeks.overdue).toEqual([]);

    const next = await agenda(julia, 'from=2026-11-30&to=2026-12-06');
    expect(subjects(next.items)).toEqual(['Team follow-up']);
    expect(next.items[0]).toMatchObject({ assigneeId: null, teamName: 'Vertrieb Nord' });

    // a day view: what is overdue from before it comes apart
    const today = await agenda(julia, 'from=2026-11-26&to=2026-11-26&includeDone=true');
    expect(subjects(today.items)).toEqual(['Write offer', 'Met Hansen']);
    expect(subjects(today.overdue)).toEqual(['Overdue reminder']);
    expect(today.overdue[0]!.overdue).toBe(true);
    // tasks due later than today are not overdue, however early the range starts
    expect(subjects((await agenda(julia, 'from=2026-12-01&to=2026-12-01')).overdue)).toEqual([
      'Overdue reminder',
    ]);
  });

  it('shows another person’s agenda to their manager and admins only', async () => {
    const byManager = await agenda(manager, `from=2026-11-23&to=2026-11-29&assigneeId=${julia.user.id}`);
    expect(subjects(byManager.items)).toEqual(['Write offer', 'Call Hansen']);
    expect(subjects(byManager.overdue)).toEqual(['Overdue reminder']);
    const byAdmin = await agenda(admin, `from=2026-11-23&to=2026-11-29&assigneeId=${lukas.user.id}`);
    expect(subjects(byAdmin.items)).toEqual(['Lukas task']);
    const own = await agenda(manager, 'from=2026-11-23&to=2026-11-29');
    expect(subjects(own.items)).toEqual(['Claimed by Thomas']);

    const juliaAsksLukas = await req(
      julia,
      'GET',
      `/api/calendar/agenda?from=2026-11-23&to=2026-11-29&assigneeId=${lukas.user.id}`,
    );
    expect(juliaAsksLukas.statusCode).toBe(403);
    const managerAsksLukas = await req(
      manager,
      'GET',
      `/api/calendar/agenda?from=2026-11-23&to=2026-11-29&assigneeId=${lukas.user.id}`,
    );
    expect(managerAsksLukas.statusCode).toBe(403);
    expect(managerAsksLukas.json<{ detail: string }>().detail).toMatch(/Lukas Wagner is not one of them/);
    const lukasAgenda = await agenda(lukas, 'from=2026-11-23&to=2026-11-29');
    expect(subjects(lukasAgenda.items)).toEqual(['Lukas task']);
  });

  it('rejects bad ranges and unknown people with clear messages', async () => {
    const reversed = await req(julia, 'GET', '/api/calendar/agenda?from=2026-11-29&to=2026-11-23');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json()).toMatchObject({ errors: [{ path: 'to' }] });
    expect((await req(julia, 'GET', '/api/calendar/agenda?from=2026-01-01&to=2026-12-31')).statusCode).toBe(
      422,
    );
    expect((await req(julia, 'GET', '/api/calendar/agenda?from=26.11.2026&to=2026-12-31')).statusCode).toBe(
      400,
    );
    const unknown = await req(
      admin,
      'GET',
      '/api/calendar/agenda?from=2026-11-23&to=2026-11-29&assigneeId=0190aaaa-0000-7000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(422);
  });

  it('serves the secret feed as iCalendar without a session; stores only the token’s hash', async () => {
    expect((await req(julia, 'GET', '/api/me/calendar-feed')).json()).toEqual({
      active: false,
      createdAt: null,
      lastUsedAt: null,
    });
    const created = await req(julia, 'POST', '/api/me/calendar-feed');
    expect(created.statusCode, created.body).toBe(201);
    const feed = created.json<CalendarFeed>();
    expect(feed).toMatchObject({ active: true, createdAt: NOW, lastUsedAt: null });
    expect(feed.url).toMatch(/^http:\/\/localhost(:80)?\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = pathOf(feed.url!).split('/').pop()!.replace('.ics', '');
    const stored = await t.ctx.db
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('user_id', '=', julia.user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);

    const ics = await t.app.inject({ method: 'GET', url: pathOf(feed.url!) });
    expect(ics.statusCode, ics.body).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.headers['cache-control']).toBe('private, no-store');
    const text = ics.body.replace(/\r\n[ \t]/g, ''); // unfold long lines
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('X-WR-CALNAME:Kontor – Julia Schneider');
    const events = text.split('BEGIN:VEVENT').slice(1);
    const summaries = events.map((e) => /SUMMARY:(.*)/.exec(e)?.[1]);
    expect(summaries.sort()).toEqual(
      [
        'Aufgabe: Overdue reminder',
        'Aufgabe: Write offer',
        'Anruf: Call Hansen',
        '✓ Termin: Met Hansen',
      ].sort(),
    );
    const call = events.find((e) => e.includes('SUMMARY:Anruf: Call Hansen'))!;
    expect(call).toContain(`UID:${ids.call}@localhost`);
    expect(call).toContain('DTSTART:20261127T090000Z');
    expect(call).toContain('DTEND:20261127T092000Z');
    expect(call).toContain('DESCRIPTION:Ask about the offer\\nCompany: Hansen Maschinenbau');
    expect(call).toMatch(new RegExp(`URL[^:]*:http://localhost(:80)?/tasks/${ids.call}`));
    expect(call).toContain('BEGIN:VALARM');
    expect(call).toContain('TRIGGER:-PT15M');
    const todo = events.find((e) => e.includes('SUMMARY:Aufgabe: Write offer'))!;
    expect(todo).toContain('DTSTART;VALUE=DATE:20261126');
    expect(todo).toContain('DTEND;VALUE=DATE:20261127');
    expect(todo).not.toContain('BEGIN:VALARM');
    // beyond 180 days ahead, done more than 30 days ago, cancelled, undated, someone else's: not in it
    for (const left of [
      'Next year',
      'Done long ago',
      'Cancelled',
      'Someday',
      'Lukas task',
      'Team follow-up',
    ]) {
      expect(text).not.toContain(left);
    }

    const status = (await req(julia, 'GET', '/api/me/calendar-feed')).json<CalendarFeed>();
    expect(status).toEqual({ active: true, createdAt: NOW, lastUsedAt: NOW });
    expect(status.url).toBeUndefined();
  });

  it('regenerating invalidates the old URL, and revoking ends the subscription', async () => {
    const first = (await req(lukas, 'POST', '/api/me/calendar-feed')).json<CalendarFeed>();
    expect((await t.app.inject({ method: 'GET', url: pathOf(first.url!) })).statusCode).toBe(200);
    const second = (await req(lukas, 'POST', '/api/me/calendar-feed')).json<CalendarFeed>();
    expect(second.url).not.toBe(first.url);
    const old = await t.app.inject({ method: 'GET', url: pathOf(first.url!) });
    expect(old.statusCode).toBe(404);
    expect(old.headers['content-type']).toMatch(/application\/problem\+json/);
    const fresh = await t.app.inject({ method: 'GET', url: pathOf(second.url!) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toContain('SUMMARY:Aufgabe: Lukas task');
    expect(fresh.body).not.toContain('Call Hansen');

    const revoked = await req(lukas, 'DELETE', '/api/me/calendar-feed');
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false });
    expect((await t.app.inject({ method: 'GET', url: pathOf(second.url!) })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/calendar/not-a-token-at-all-but-long.ics' }))
        .statusCode,
    ).toBe(404);
    const rows = await t.ctx.db
      .selectFrom('calendar_feeds')
      .select('revoked_at')
      .where('user_id', '=', lukas.user.id)
      .execute();
    expect(rows.map((r) => r.revoked_at)).toEqual([NOW, NOW]);
  });

  it('builds the URL from the request, ignoring X-Forwarded-* unless the proxy is trusted', async () => {
    const res = await req(manager, 'POST', '/api/me/calendar-feed', {
      host: 'crm.example.de',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    });
    expect(res.json<CalendarFeed>().url).toMatch(/^http:\/\/crm\.example\.de\/api\/calendar\//);
  });
});

describe('calendar behind a trusted proxy', () => {
  it('takes scheme and host from X-Forwarded-* when TRUST_PROXY=1', async () => {
    const before = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = '1';
    const t = await createTestApp(DIALECTS[0]!, { now: NOW });
    if (before === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = before;
    try {
      const s = await createUserAndLogin(t, { role: 'sales' });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/me/calendar-feed',
        headers: { ...s.headers, 'x-forwarded-host': 'crm.example.de', 'x-forwarded-proto': 'https' },
      });
      expect(res.json<CalendarFeed>().url).toMatch(
        /^https:\/\/crm\.example\.de\/api\/calendar\/[A-Za-z0-9_-]+\.ics$/,
      );
    } finally {
      await t.close();
    }
  });
});
