import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkloadReport } from '../../../../contracts/goals';
import type { ActivityConversionReport } from '../../../../contracts/sales-reports';
import { systemActor } from '../../platform/actor';
import { type DemoData, demoEmail, demoPassword, seedIdentity } from '../../seed';
import { loginAs } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { seedCompanies } from '../companies';
import { seedSales } from '../sales';
import { seedWork } from './work.seed';

describe.each(DIALECTS)('demo tasks, goals and workload snapshots (%s)', (dialect) => {
  let t: TestApp;
  const demo: DemoData = { users: {}, teams: {}, logins: [] };
  const actor = systemActor('seed');

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedIdentity(t.ctx, actor, demo);
    await seedCompanies(t.ctx, actor, demo);
    await seedSales(t.ctx, actor, demo);
  });
  afterAll(() => t?.close());

  it('seeds past activities on deals, open and overdue tasks, team tasks, goals and 8 weeks of snapshots, once', async () => {
    await seedWork(t.ctx, actor, demo);
    const now = t.clock.now().toISOString();
    const today = '2026-11-26';
    const tasks = await t.ctx.db.selectFrom('tasks').selectAll().execute();
    const done = tasks.filter((x) => x.status === 'done');
    const open = tasks.filter((x) => x.status === 'open');
    expect(done.length).toBeGreaterThan(400);
    expect(done.every((x) => x.completed_at && x.completed_at <= now && x.created_at <= x.completed_at)).toBe(
      true,
    );
    expect(new Set(done.map((x) => x.type))).toEqual(new Set(['call', 'email', 'meeting']));
    // activities on won deals happened before they were won
    const won = new Map(
      (await t.ctx.db.selectFrom('deals').select(['id', 'won_at']).where('status', '=', 'won').execute()).map(
        (d) => [d.id, d.won_at!],
      ),
    );
    const onWon = done.filter((x) => x.deal_id && won.has(x.deal_id));
    expect(onWon.length).toBeGreaterThan(won.size * 2);
    expect(onWon.every((x) => x.completed_at! <= won.get(x.deal_id!)!)).toBe(true);

    const overdue = open.filter((x) => x.due_date && x.due_date < today);
    expect(overdue.length).toBeGreaterThan(5);
    expect(
      open.filter((x) => x.assignee_id === null && x.team_id === demo.teams['Vertrieb Nord']).length,
    ).toBe(2);
    expect(open.filter((x) => x.recurrence === 'weekly' && x.assignee_id === demo.users.manager).length).toBe(
      1,
    );
    expect(open.filter((x) => x.reminder_at && !x.reminder_fired_at).length).toBeGreaterThan(10);
    // no reminder of the past is left to fire
    expect(open.some((x) => x.reminder_at && x.reminder_at <= now && !x.reminder_fired_at)).toBe(false);

    const goals = await t.ctx.db.selectFrom('goals').selectAll().execute();
    expect(goals.map((g) => [g.name, g.metric, g.period_start]).sort()).toContainEqual([
      'Umsatz Vertrieb Nord',
      'revenue_won',
      '2026-11-01',
    ]);
    expect(goals.length).toBe(9);

    const days = await t.ctx.db
      .selectFrom('workload_snapshots')
      .select('day')
      .where('type', '=', '')
      .orderBy('day')
      .execute();
    expect(days.length).toBe(57);
    expect(days.at(-1)!.day).toBe(today);

    const manager = await loginAs(t, demoEmail('manager'), demoPassword('manager'));
    const workload = (
      await t.app.inject({ method: 'GET', url: '/api/reports/workload', headers: manager.headers })
    ).json<WorkloadReport>();
    expect(workload.trend).toHaveLength(8);
    expect(workload.trend.every((w) => w.open !== null && w.open > 0)).toBe(true);
    expect(workload.total.overdue).toBeGreaterThan(0);
    expect(workload.teams.map((x) => x.name)).toEqual(['Vertrieb Nord', 'Vertrieb Süd']);
    expect(workload.teams.every((x) => x.unclaimed === 2)).toBe(true);

    const admin = await loginAs(t, demoEmail('admin'), demoPassword('admin'));
    const conversion = (
      await t.app.inject({
        method: 'GET',
        url: '/api/reports/activity-conversion?from=2025-11-27&to=2026-11-26',
        headers: admin.headers,
      })
    ).json<ActivityConversionReport>();
    expect(conversion.total.wonDeals).toBe(won.size);
    expect(conversion.total.linkedActivitiesPerWonDeal).toBeGreaterThanOrEqual(2);
    expect(conversion.total.revenuePerActivityCents).toBeGreaterThan(0);

    // again: nothing new
    await seedWork(t.ctx, actor, demo);
    expect((await t.ctx.db.selectFrom('tasks').select('id').execute()).length).toBe(tasks.length);
    expect((await t.ctx.db.selectFrom('goals').select('id').execute()).length).toBe(9);
  });
});
