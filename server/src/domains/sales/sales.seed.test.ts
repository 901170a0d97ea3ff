import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelReport } from '../../../../contracts/sales-reports';
import { systemActor } from '../../platform/actor';
import { type DemoData, demoEmail, demoPassword, seedIdentity } from '../../seed';
import { loginAs } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { seedCompanies } from '../companies';
import { seedSales } from './sales.seed';

describe.each(DIALECTS)('demo deals (%s)', (dialect) => {
  let t: TestApp;
  const demo: DemoData = { users: {}, teams: {}, logins: [] };
  const actor = systemActor('seed');

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedIdentity(t.ctx, actor, demo);
    await seedCompanies(t.ctx, actor, demo);
  });
  afterAll(() => t?.close());

  it('seeds ~300 deals over the last 12 months with a plausible history and only once', async () => {
    await seedSales(t.ctx, actor, demo);

    const deals = await t.ctx.db.selectFrom('deals').selectAll().execute();
    expect(deals.length).toBe(300);
    const byStatus = (s: string) => deals.filter((d) => d.status === s).length;
    expect(byStatus('won')).toBeGreaterThan(20);
    expect(byStatus('lost')).toBeGreaterThan(30);
    expect(byStatus('open')).toBeGreaterThan(100);
    const now = t.clock.now().toISOString();
    const yearAgo = new Date(t.clock.now().getTime() - 366 * 86_400_000).toISOString();
    expect(deals.every((d) => d.created_at > yearAgo && d.created_at < now)).toBe(true);
    expect(deals.filter((d) => d.status === 'lost').every((d) => d.lost_reason && d.lost_at)).toBe(true);
    expect(deals.filter((d) => d.status === 'won').every((d) => d.won_at && d.won_at > d.created_at)).toBe(
      true,
    );
    const owners = new Set(deals.map((d) => d.owner_id));
    expect(owners).toEqual(new Set([demo.users.sales, demo.users.sales2, demo.users.manager]));

    const history = await t.ctx.db
      .selectFrom('deal_stage_history')
      .selectAll()
      .orderBy('changed_at')
      .execute();
    expect(history.length).toBeGreaterThan(600);
    expect(history.every((h) => h.changed_at <= now && h.changed_at >= h.deal_created_at)).toBe(true);
    expect(history.filter((h) => h.from_stage_id === null).length).toBe(300);

    // the funnel has something to show
    const admin = await loginAs(t, demoEmail('admin'), demoPassword('admin'));
    const funnel = (
      await t.app.inject({ method: 'GET', url: '/api/reports/funnel', headers: admin.headers })
    ).json<FunnelReport>();
    expect(funnel.stages[0]!.entered).toBeGreaterThan(150);
    expect(funnel.winRate).toBeGreaterThan(0.1);
    expect(funnel.winRate).toBeLessThan(0.9);

    // again: nothing new
    await seedSales(t.ctx, actor, demo);
    expect((await t.ctx.db.selectFrom('deals').select('id').execute()).length).toBe(300);
  });
});
