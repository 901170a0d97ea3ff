import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor';
import { type DemoData, seedIdentity } from '../../seed';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { seedCompanies } from '../companies';
import { seedSales } from '../sales';
import { seedBilling } from './billing.seed';
import { getBillingSettings } from './settings.repository';
import { missingSellerData } from './settings.service';

describe.each(DIALECTS)('demo invoices (%s)', (dialect) => {
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

  it('completes the seller data and issues invoices: paid, open and overdue at every dunning level; only once', async () => {
    await seedBilling(t.ctx, actor, demo);
    await t.ctx.dispatcher.drain();
    await t.ctx.dispatcher.drain();
    expect(missingSellerData(await getBillingSettings(t.ctx.db))).toEqual([]);
    const invoices = await t.ctx.db.selectFrom('invoices').selectAll().orderBy('number').execute();
    expect(invoices.length).toBe(19);
    const today = '2026-11-26';
    const paid = invoices.filter((i) => i.status === 'paid');
    const open = invoices.filter((i) => i.status === 'issued' && i.due_date! >= today);
    const overdue = invoices.filter((i) => i.status === 'issued' && i.due_date! < today);
    expect(paid.length).toBeGreaterThan(2);
    expect(open.length).toBeGreaterThan(2);
    expect(overdue.length).toBeGreaterThan(2);
    expect(new Set(overdue.map((i) => i.due_date)).size).toBeGreaterThan(1);
    expect(
      paid.every((i) => Number(i.open_cents) === 0 && Number(i.paid_cents) === Number(i.gross_cents)),
    ).toBe(true);
    // gapless numbers in the order of the issue dates
    const year = invoices.filter((i) => i.number!.startsWith('RE-2026-'));
    expect(year.map((i) => i.number)).toEqual(
      year.map((_, k) => `RE-2026-${String(k + 1).padStart(5, '0')}`),
    );
    const dates = year.map((i) => i.issue_date!);
    expect(dates).toEqual([...dates].sort());

    // the overdue invoices stand at different dunning levels, each level with its notice
    const levels = overdue.map((i) => i.dunning_level);
    expect(new Set(levels)).toEqual(new Set([1, 2, 3, 4]));
    const notices = await t.ctx.db.selectFrom('dunning_notices').selectAll().execute();
    expect(notices.length).toBe(levels.reduce((s, l) => s + l, 0));
    for (const inv of overdue) {
      const own = notices.filter((n) => n.invoice_id === inv.id).sort((a, b) => a.level - b.level);
      expect(own.map((n) => n.level)).toEqual(Array.from({ length: inv.dunning_level }, (_, k) => k + 1));
      expect(inv.last_dunned_on).toBe(own[own.length - 1]!.notice_date);
      // one collection task per overdue invoice, naming its current level
      const tasks = await t.ctx.db.selectFrom('tasks').selectAll().where('invoice_id', '=', inv.id).execute();
      expect(tasks).toHaveLength(1);
      expect(tasks[0]!.subject).toContain(own[own.length - 1]!.level_name);
    }

    await seedBilling(t.ctx, actor, demo);
    await t.ctx.dispatcher.drain();
    expect((await t.ctx.db.selectFrom('invoices').select('id').execute()).length).toBe(19);
    expect((await t.ctx.db.selectFrom('dunning_notices').select('id').execute()).length).toBe(notices.length);
  });
});
