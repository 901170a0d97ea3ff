import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company, MarketCoverageReport, Segment } from '../../../../contracts/companies';
import { uuidv7 } from '../../platform/ids';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

/**
 * Market coverage against a hand-made dataset:
 *
 *   segment A (100 companies in the market, potential 1.000.000,00 €)
 *     A1 customer (Julia)          deals: open 10.000 €, won 50.000 € (2026-03-01), lost 7.000 €
 *     A2 customer + partner (Julia)       won 30.000 € (2025-06-01)
 *     A3 prospect (Julia)
 *     A4 prospect (Lukas)                 open 5.000 €, won 1.000 € (2026-05-01)
 *     A5 customer (Julia), merged into A1 — not counted
 *   segment B (50 companies, no potential)
 *     B1 prospect, B2 customer (Julia)    B2: open 20.000 €
 *   segment C (10 companies, potential 50.000 €): no companies
 *   N1 customer without segment (Julia): won 99 € — not in any row
 */
describe.each(DIALECTS)('market coverage report (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let sales: TestSession;
  let sales2: TestSession;
  const seg: Record<string, Segment> = {};
  const co: Record<string, Company> = {};

  const req = (s: TestSession, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const report = async (s: TestSession, query = '') => {
    const res = await req(s, 'GET', `/api/reports/market-coverage${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<MarketCoverageReport>();
  };
  const row = (r: MarketCoverageReport, name: string) => r.items.find((i) => i.segmentName === name)!;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    sales2 = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    for (const [name, marketCompanies, potentialRevenueCents] of [
      ['A', 100, 100_000_000],
      ['B', 50, null],
      ['C', 10, 5_000_000],
    ] as const) {
      seg[name] = (
        await req(admin, 'POST', '/api/segments', { name, marketCompanies, potentialRevenueCents })
      ).json<Segment>();
    }
    const company = async (s: TestSession, name: string, segment: string | null, roles: string[]) => {
      const res = await req(s, 'POST', '/api/companies?allowDuplicate=true', {
        name: `Firma ${name}`,
        roles,
        segmentId: segment ? seg[segment]!.id : null,
      });
      expect(res.statusCode, res.body).toBe(201);
      co[name] = res.json<Company>();
    };
    await company(sales, 'A1', 'A', ['customer']);
    await company(sales, 'A2', 'A', ['customer', 'partner']);
    await company(sales, 'A3', 'A', ['prospect']);
    await company(sales2, 'A4', 'A', ['prospect']);
    await company(sales, 'A5', 'A', ['customer']);
    await company(sales, 'B1', 'B', ['prospect']);
    await company(sales, 'B2', 'B', ['customer']);
    await company(sales, 'N1', null, ['customer']);
    const merged = await req(sales, 'POST', `/api/companies/${co.A1!.id}/merge`, {
      sourceId: co.A5!.id,
      version: 1,
    });
    expect(merged.statusCode, merged.body).toBe(200);

    // Deals straight into the sales tables: this test is about the report, not about selling.
    const stages = await t.ctx.db
      .selectFrom('pipeline_stages')
      .select(['id', 'pipeline_id', 'kind'])
      .execute();
    const stageOf = (kind: string) => stages.find((s) => s.kind === kind)!;
    const deal = async (
      name: string,
      status: 'open' | 'won' | 'lost',
      euros: number,
      wonAt: string | null = null,
    ) => {
      const stage = stageOf(status);
      const now = t.clock.now().toISOString();
      await t.ctx.db
        .insertInto('deals')
        .values({
          id: uuidv7(),
          title: `Deal ${name}`,
          company_id: co[name]!.id,
          contact_id: null,
          owner_id: co[name]!.ownerId!,
          team_id: null,
          source: 'other' as never,
          expected_close_date: '2026-12-31',
          currency: 'EUR',
          pipeline_id: stage.pipeline_id,
          stage_id: stage.id,
          status,
          amount_cents: euros * 100,
          has_lines: 0,
          stage_entered_at: now,
          won_at: wonAt,
          lost_at: status === 'lost' ? now : null,
          closed_at: wonAt ?? (status === 'lost' ? now : null),
          lost_reason: status === 'lost' ? 'Preis' : null,
          lost_reason_id: null,
          created_by: null,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
    };
    await deal('A1', 'open', 10_000);
    await deal('A1', 'won', 50_000, '2026-03-01T10:00:00.000Z');
    await deal('A1', 'lost', 7_000);
    await deal('A2', 'won', 30_000, '2025-06-01T10:00:00.000Z');
    await deal('A4', 'open', 5_000);
    await deal('A4', 'won', 1_000, '2026-05-01T10:00:00.000Z');
    await deal('B2', 'open', 20_000);
    await deal('N1', 'won', 99, '2026-02-01T10:00:00.000Z');
  });
  afterAll(() => t?.close());

  it('counts companies, penetration, pipeline, won revenue and share of potential per segment', async () => {
    const r = await report(admin);
    expect(r.currency).toBe('EUR');
    expect(r.items.map((i) => i.segmentName)).toEqual(['A', 'B', 'C']);
    expect(row(r, 'A')).toEqual({
      segmentId: seg.A!.id,
      segmentName: 'A',
      industry: null,
      region: null,
      sizeClass: null,
      companiesKnown: 4,
      prospects: 2,
      customers: 2,
      marketCompanies: 100,
      potentialRevenueCents: 100_000_000,
      penetration: 0.02,
      openPipelineCents: 1_500_000,
      wonRevenueCents: 8_100_000,
      shareOfPotential: 0.081,
    });
    expect(row(r, 'B')).toMatchObject({
      companiesKnown: 2,
      prospects: 1,
      customers: 1,
      penetration: 0.02,
      openPipelineCents: 2_000_000,
      wonRevenueCents: 0,
      potentialRevenueCents: null,
      shareOfPotential: null,
    });
    expect(row(r, 'C')).toMatchObject({
      companiesKnown: 0,
      prospects: 0,
      customers: 0,
      penetration: 0,
      openPipelineCents: 0,
      wonRevenueCents: 0,
      shareOfPotential: 0,
    });
    expect(r.totals).toEqual({
      companiesKnown: 6,
      prospects: 3,
      customers: 3,
      marketCompanies: 160,
      potentialRevenueCents: 105_000_000,
      penetration: 0.0188,
      openPipelineCents: 3_500_000,
      wonRevenueCents: 8_100_000,
      // only segments with a potential: 8.100.000 ÷ 105.000.000
      shareOfPotential: 0.0771,
    });
  });

  it('limits won revenue to a period', async () => {
    const r = await report(admin, '?from=2026-01-01&to=2026-12-31');
    expect(row(r, 'A')).toMatchObject({
      wonRevenueCents: 5_100_000,
      shareOfPotential: 0.051,
      openPipelineCents: 1_500_000,
    });
    // won on 2026-03-01 10:00 UTC: inside a period ending that day (Berlin time), outside one ending the day before
    expect(row(await report(admin, '?from=2026-03-01&to=2026-03-01'), 'A').wonRevenueCents).toBe(5_000_000);
    expect(row(await report(admin, '?to=2026-02-28'), 'A').wonRevenueCents).toBe(3_000_000);
  });

  it('counts only what the caller may see, and filters by owner and segment', async () => {
    const mine = await report(sales);
    expect(row(mine, 'A')).toMatchObject({
      companiesKnown: 3,
      prospects: 1,
      customers: 2,
      openPipelineCents: 1_000_000,
      wonRevenueCents: 8_000_000,
    });
    expect(row(await report(sales2), 'A')).toMatchObject({ companiesKnown: 1, wonRevenueCents: 100_000 });
    const lukas = await report(admin, `?ownerId=${sales2.user.id}`);
    expect(row(lukas, 'A')).toMatchObject({ companiesKnown: 1, prospects: 1, openPipelineCents: 500_000 });
    const onlyB = await report(admin, `?segmentId=${seg.B!.id}`);
    expect(onlyB.items.map((i) => i.segmentName)).toEqual(['B']);
    expect(onlyB.totals).toMatchObject({
      companiesKnown: 2,
      potentialRevenueCents: null,
      shareOfPotential: null,
    });
  });
});
