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

  it('completes the seller data and issues invoices: paid, open and overdue; only once', async () => {
    await seedBilling(t.ctx, actor, demo);
    expect(missingSellerData(await getBillingSettings(t.ctx.db))).toEqual([]);
    const invoices = await t.ctx.db.selectFrom('invoices').selectAll().orderBy('number').execute();
    expect(invoices.length).toBe(15);
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

    await seedBilling(t.ctx, actor, demo);
    expect((await t.ctx.db.selectFrom('invoices').select('id').execute()).length).toBe(15);
  });
});
