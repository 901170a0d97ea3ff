import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../../../contracts/api-scopes';
import type { Team } from '../../../../contracts/identity';
import type { DealDetail, LostReason } from '../../../../contracts/sales';
import type { ForecastReport, FunnelReport } from '../../../../contracts/sales-reports';
import { bearer, createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { defaultPipeline, makeCompany, postDeal, requester } from '../sales/sales-test-helpers';

const START = Date.parse('2026-03-02T08:00:00.000Z');
const DAY = 86_400_000;

/**
 * Funnel and forecast against a hand-made dataset: deals created and moved through the default
 * pipeline (Lead 10 % → Qualifiziert 25 % → Angebot 50 % → Verhandlung 75 % → Gewonnen / Verloren)
 * with the clock set to each step's day. Day n is 2026-03-02 + n, 09:00 in Berlin.
 *
 *   D1 Julia 1,000,000 ¢  d0 Lead → d2 Qualifiziert → d5 Angebot → (d8 amount 1,200,000) → d10 Verhandlung → d20 won
 *   D2 Julia   200,000 ¢  d1 Lead → d4 Qualifiziert → d9 lost (Preis)
 *   D3 Lukas   500,000 ¢  d3 Lead → d7 Angebot (skips) → d13 won (skips)
 *   D4 Lukas   300,000 ¢  d4 Lead, stays (expected 2026-04-10)
 *   D5 Julia   400,000 ¢  d5 Qualifiziert → d6 Lead (back) → d8 Qualifiziert → d12 Angebot, stays (expected 2026-05-20)
 *   D6 Julia   800,000 ¢  d40 Lead → d41 lost (Timing)
 */
describe.each(DIALECTS)('sales reports (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof requester>;
  let admin: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let team: Team;
  let stage: Awaited<ReturnType<typeof defaultPipeline>>['stage'];
  let reasons: Map<string, string>;
  let juliasCompany: string;
  let lukasCompany: string;
  const deals: Record<string, DealDetail> = {};

  const on = (day: number) => t.clock.set(new Date(START + day * DAY));
  const create = async (key: string, owner: TestSession, amountCents: number, extra: object = {}) => {
    deals[key] = await postDeal(t, owner, {
      title: key,
      companyId: owner === julia ? juliasCompany : lukasCompany,
      amountCents,
      ...extra,
    });
  };
  const patch = async (key: string, owner: TestSession, body: object, verb = '') => {
    const res = await req(owner, verb ? 'POST' : 'PATCH', `/api/deals/${deals[key]!.id}${verb}`, {
      version: deals[key]!.version,
      ...body,
    });
    if (res.statusCode !== 200) throw new Error(`${key}: ${res.statusCode} ${res.body}`);
    deals[key] = res.json<DealDetail>();
  };
  const move = (key: string, owner: TestSession, stageId: string) => patch(key, owner, { stageId });
  const funnel = async (s: TestSession, query = '') => {
    const res = await req(s, 'GET', `/api/reports/funnel${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<FunnelReport>();
  };
  /** [name, entered, enteredValueCents, advanced, conversionRate, avgDaysInStage] per stage. */
  const rows = (r: FunnelReport) =>
    r.stages.map((s) => [
      s.name,
      s.entered,
      s.enteredValueCents,
      s.advanced,
      s.conversionRate,
      s.avgDaysInStage,
    ]);

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: new Date(START - DAY).toISOString() });
    req = requester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    const j = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    team = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    await req(admin, 'POST', `/api/teams/${team.id}/members`, { userId: j.user.id });
    julia = { ...(await loginAs(t, j.user.email, j.password)), password: j.password };
    stage = (await defaultPipeline(t, admin)).stage;
    reasons = new Map(
      (await req(admin, 'GET', '/api/lost-reasons'))
        .json<{ items: LostReason[] }>()
        .items.map((r) => [r.name, r.id]),
    );
    // API tokens do not expire with the weeks the clock moves on (sessions would)
    const withToken = async (s: TestSession): Promise<TestSession> => {
      const token = await req(s, 'POST', '/api/api-tokens', { name: 'reports test', scopes: API_SCOPES });
      return { ...s, headers: bearer(token.json<{ token: string }>().token) };
    };
    admin = await withToken(admin);
    julia = await withToken(julia);
    lukas = await withToken(lukas);
    juliasCompany = await makeCompany(t, 'Nordwerk Maschinenbau', julia);
    lukasCompany = await makeCompany(t, 'Südhang Präzision', lukas);

    on(0);
    await create('D1', julia, 1_000_000);
    on(1);
    await create('D2', julia, 200_000);
    on(2);
    await move('D1', julia, stage.Qualifiziert);
    on(3);
    await create('D3', lukas, 500_000);
    on(4);
    await move('D2', julia, stage.Qualifiziert);
    await create('D4', lukas, 300_000, { expectedCloseDate: '2026-04-10' });
    on(5);
    await move('D1', julia, stage.Angebot);
    await create('D5', julia, 400_000, { stageId: stage.Qualifiziert, expectedCloseDate: '2026-05-20' });
    on(6);
    await move('D5', julia, stage.Lead);
    on(7);
    await move('D3', lukas, stage.Angebot);
    on(8);
    await move('D5', julia, stage.Qualifiziert);
    await patch('D1', julia, { amountCents: 1_200_000 });
    on(9);
    await patch('D2', julia, { stageId: stage.Verloren, lostReasonId: reasons.get('Preis') });
    on(10);
    await move('D1', julia, stage.Verhandlung);
    on(12);
    await move('D5', julia, stage.Angebot);
    on(13);
    await patch('D3', lukas, {}, '/win');
    on(20);
    await patch('D1', julia, {}, '/win');
    on(40);
    await create('D6', julia, 800_000);
    on(41);
    await patch('D6', julia, { reasonId: reasons.get('Timing') }, '/lose');
  });
  afterAll(() => t?.close());

  it('funnel of all deals: entries, values at entry, conversion, days in stage, win rate, cycle', async () => {
    const r = await funnel(admin);
    expect(r).toMatchObject({
      pipelineName: 'Vertrieb',
      currency: 'EUR',
      basis: 'created',
      from: null,
      to: null,
    });
    expect(rows(r)).toEqual([
      // D1..D6 (D5 first entered Lead on d6); on to a later stage: D1, D2, D3, D5; stays 2+3+4+2+1 days
      ['Lead', 6, 1_000_000 + 200_000 + 500_000 + 300_000 + 400_000 + 800_000, 4, 0.6667, 2.4],
      // D1, D2, D5 (once); on: D1, D5 (d12); stays 3 + 5 + 1 + 4 days (D5 twice)
      ['Qualifiziert', 3, 1_000_000 + 200_000 + 400_000, 2, 0.6667, 3.25],
      // D1, D3, D5; on: D1, D3; stays 5 + 6
      ['Angebot', 3, 1_000_000 + 500_000 + 400_000, 2, 0.6667, 5.5],
      // D1 after its amount went up
      ['Verhandlung', 1, 1_200_000, 1, 1, 10],
      ['Gewonnen', 2, 1_200_000 + 500_000, null, null, null],
      ['Verloren', 2, 200_000 + 800_000, null, null, null],
    ]);
    expect(r).toMatchObject({
      won: 2,
      lost: 2,
      wonValueCents: 1_700_000,
      winRate: 0.5,
      avgSalesCycleDays: 15,
    });
  });

  it('funnel by creation period, by entry period, by owner, and as a sales person sees it', async () => {
    // created in March: without D6
    const march = await funnel(admin, '?from=2026-03-02&to=2026-03-31');
    expect(rows(march)[0]).toEqual(['Lead', 5, 2_400_000, 4, 0.8, 2.75]);
    expect(rows(march)[5]).toEqual(['Verloren', 1, 200_000, null, null, null]);
    expect(march).toMatchObject({
      from: '2026-03-02',
      to: '2026-03-31',
      won: 2,
      lost: 1,
      winRate: 0.6667,
      avgSalesCycleDays: 15,
    });

    // entered (and closed) from d10 to d20
    const entered = await funnel(admin, '?basis=entered&from=2026-03-12&to=2026-03-22');
    expect(rows(entered)).toEqual([
      ['Lead', 0, 0, 0, null, null],
      ['Qualifiziert', 0, 0, 0, null, null],
      ['Angebot', 1, 400_000, 0, 0, null],
      ['Verhandlung', 1, 1_200_000, 1, 1, 10],
      ['Gewonnen', 2, 1_700_000, null, null, null],
      ['Verloren', 0, 0, null, null, null],
    ]);
    expect(entered).toMatchObject({ won: 2, lost: 0, winRate: 1, avgSalesCycleDays: 15 });
    // the last day counts whole (d20 09:00 Berlin is inside 2026-03-22), the day after not
    const dayBefore = await funnel(admin, '?basis=entered&from=2026-03-12&to=2026-03-21');
    expect(dayBefore.won).toBe(1);

    const byLukas = await funnel(admin, `?ownerId=${lukas.user.id}`);
    expect(rows(byLukas)).toEqual([
      ['Lead', 2, 800_000, 1, 0.5, 4],
      ['Qualifiziert', 0, 0, 0, null, null],
      ['Angebot', 1, 500_000, 1, 1, 6],
      ['Verhandlung', 0, 0, 0, null, null],
      ['Gewonnen', 1, 500_000, null, null, null],
      ['Verloren', 0, 0, null, null, null],
    ]);
    expect(byLukas).toMatchObject({ won: 1, lost: 0, winRate: 1, avgSalesCycleDays: 10 });

    const backwards = await req(admin, 'GET', '/api/reports/funnel?from=2026-03-10&to=2026-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ path: 'to', message: 'The period ends before it starts' }]);

    const byTeam = await funnel(admin, `?teamId=${team.id}`);
    expect(byTeam.stages[0]!.entered).toBe(4);

    // Julia sees her own deals only: D1, D2, D5, D6
    const juliasView = await funnel(julia);
    expect(rows(juliasView)[0]).toEqual(['Lead', 4, 2_400_000, 3, 0.75, 2]);
    expect(juliasView).toMatchObject({
      won: 1,
      lost: 2,
      wonValueCents: 1_200_000,
      winRate: 0.3333,
      avgSalesCycleDays: 20,
    });
  });

  it('forecast: open deals by expected close month, weighted by stage probability, by owner and team', async () => {
    on(44);
    await create('D7', julia, 123_457, { expectedCloseDate: '2026-04-30' });
    await move('D7', julia, stage.Verhandlung);
    await create('D8', lukas, 99_999, { expectedCloseDate: '2027-06-01' });
    await create('D9', lukas, 1_000, { stageId: stage.Qualifiziert, expectedCloseDate: '2027-03-31' });
    on(45); // 2026-04-16

    const res = await req(admin, 'GET', '/api/reports/forecast');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<ForecastReport>();
    expect(r.asOf).toBe('2026-04-16');
    const nonEmpty = (buckets: ForecastReport['buckets']) =>
      buckets.filter((b) => b.count > 0).map((b) => [b.key, b.count, b.amountCents, b.weightedCents]);
    expect(r.buckets.map((b) => b.key)).toEqual([
      'overdue',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      'later',
    ]);
    expect(nonEmpty(r.buckets)).toEqual([
      ['overdue', 1, 300_000, 30_000], // D4, Lead 10 %
      ['2026-04', 1, 123_457, 92_593], // D7, Verhandlung 75 %: 92,592.75
      ['2026-05', 1, 400_000, 200_000], // D5, Angebot 50 %
      ['2027-03', 1, 1_000, 250], // D9, Qualifiziert 25 %
      ['later', 1, 99_999, 10_000], // D8, Lead 10 %: 9,999.9
    ]);
    // Σ amount × probability = 33,284,265 → 332,842.65 €-cents
    expect(r.total).toEqual({ count: 5, amountCents: 924_456, weightedCents: 332_843 });
    expect(
      r.byOwner.map((o) => [o.ownerName, o.total.count, o.total.amountCents, o.total.weightedCents]),
    ).toEqual([
      ['Julia Schneider', 2, 523_457, 292_593],
      ['Lukas Wagner', 3, 400_999, 40_250],
    ]);
    expect(r.byOwner[1]!.buckets.filter((b) => b.count).map((b) => b.key)).toEqual([
      'overdue',
      '2027-03',
      'later',
    ]);
    expect(r.byTeam.map((x) => [x.teamId, x.total.count, x.total.weightedCents])).toEqual([
      [team.id, 2, 292_593],
      [null, 3, 40_250],
    ]);

    const onlyLukas = (
      await req(admin, 'GET', `/api/reports/forecast?ownerId=${lukas.user.id}`)
    ).json<ForecastReport>();
    expect(onlyLukas.total).toEqual({ count: 3, amountCents: 400_999, weightedCents: 40_250 });
    const juliasView = (await req(julia, 'GET', '/api/reports/forecast')).json<ForecastReport>();
    expect(juliasView.total).toEqual({ count: 2, amountCents: 523_457, weightedCents: 292_593 });
    expect(juliasView.byOwner.map((o) => o.ownerId)).toEqual([julia.user.id]);
  });
});
