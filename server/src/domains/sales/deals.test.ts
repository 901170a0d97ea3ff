import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { Team } from '../../../../contracts/identity';
import {
  type Board,
  type Deal,
  type DealDetail,
  DealList,
  type LostReason,
} from '../../../../contracts/sales';
import { createUserAndLogin, loginAs, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import {
  defaultPipeline,
  makeCompany,
  makeContact,
  outboxEvents,
  postDeal,
  requester,
} from './sales-test-helpers';

const HOUR = 3_600_000;

describe.each(DIALECTS)('deals (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof requester>;
  let admin: TestSession;
  let manager: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let accounting: TestSession;
  let teamNord: Team;
  let stage: Awaited<ReturnType<typeof defaultPipeline>>['stage'];
  let juliasCompany: string;
  let juliasContact: string;
  let lukasCompany: string;
  let lukasContact: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    accounting = await createUserAndLogin(t, { role: 'accounting' });
    teamNord = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    for (const u of [manager, julia])
      await req(admin, 'POST', `/api/teams/${teamNord.id}/members`, { userId: u.user.id });
    // log in again: the teams are part of the session's actor
    manager = { ...(await loginAs(t, manager.user.email, manager.password)), password: manager.password };
    julia = { ...(await loginAs(t, julia.user.email, julia.password)), password: julia.password };
    stage = (await defaultPipeline(t, admin)).stage;
    juliasCompany = await makeCompany(t, 'Hansen Maschinenbau', julia);
    juliasContact = await makeContact(t, juliasCompany, 'Hansen');
    lukasCompany = await makeCompany(t, 'Huber Präzisionstechnik', lukas);
    lukasContact = await makeContact(t, lukasCompany, 'Huber');
  });
  afterAll(() => t?.close());

  it('creates a deal with lines: the amount is the sum of the line nets, each rounded to the cent', async () => {
    const res = await req(julia, 'POST', '/api/deals', {
      title: '  Neue Fräsmaschine ',
      companyId: juliasCompany,
      contactId: juliasContact,
      source: 'fair',
      expectedCloseDate: '2027-02-15',
      lines: [
        { description: 'Inbetriebnahme', quantity: 1.5, unitPriceCents: 1235 },
        { description: 'Fachbuch', quantity: 3, unitPriceCents: 3333, discountPercent: 12.5, vatRate: 7 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const deal = res.json<DealDetail>();
    expect(deal).toMatchObject({
      title: 'Neue Fräsmaschine',
      companyId: juliasCompany,
      companyName: 'Hansen Maschinenbau',
      contactId: juliasContact,
      ownerId: julia.user.id,
      ownerName: 'Julia Schneider',
      teamId: teamNord.id,
      source: 'fair',
      expectedCloseDate: '2027-02-15',
      currency: 'EUR',
      stageId: stage.Lead,
      stageName: 'Lead',
      probability: 10,
      status: 'open',
      // 1.5 × 12.35 = 18.525 → 18.53; 3 × 33.33 × 0.875 = 87.49125 → 87.49
      amountCents: 1853 + 8749,
      weightedAmountCents: 1060,
      hasLines: true,
      wonAt: null,
      closedAt: null,
      createdBy: julia.user.id,
      version: 1,
    });
    expect(deal.lines.map((l) => [l.position, l.quantity, l.discountPercent, l.vatRate, l.netCents])).toEqual(
      [
        [0, 1.5, 0, 19, 1853],
        [1, 3, 12.5, 7, 8749],
      ],
    );
    expect(deal.stageHistory).toEqual([
      expect.objectContaining({
        fromStageId: null,
        toStageId: stage.Lead,
        toStageName: 'Lead',
        changedBy: julia.user.id,
        amountCents: 10602,
      }),
    ]);
    expect((await req(julia, 'GET', `/api/deals/${deal.id}`)).json()).toEqual(deal);
    const created = await outboxEvents(t, ['deal.created'], deal.id);
    expect(created).toEqual([
      {
        type: 'deal.created',
        payload: {
          dealId: deal.id,
          pipelineId: deal.pipelineId,
          stageId: stage.Lead,
          companyId: juliasCompany,
          amountCents: 10602,
        },
      },
    ]);
  });

  it('rejects bad input with field errors, and writes nothing', async () => {
    const base = { title: 'Falsch', companyId: juliasCompany, expectedCloseDate: '2027-01-31' };
    const check = async (body: object, status: number, path: string, message?: RegExp) => {
      const res = await req(julia, 'POST', '/api/deals', { ...base, ...body });
      expect(res.statusCode, res.body).toBe(status);
      const errors = res.json<{ errors: Array<{ path: string; message: string }> }>().errors;
      expect(
        errors.map((e) => e.path),
        res.body,
      ).toContain(path);
      if (message) expect(errors.find((e) => e.path === path)!.message).toMatch(message);
    };
    await check({ foo: 1 }, 400, 'foo', /Unknown field "foo"/);
    await check(
      { lines: [{ description: 'x', quantity: 1.2345, unitPriceCents: 100 }] },
      400,
      'lines.0.quantity',
      /3 decimal/,
    );
    await check(
      { lines: [{ description: 'x', quantity: 1, unitPriceCents: 100, discountPercent: 1.234 }] },
      400,
      'lines.0.discountPercent',
    );
    await check(
      { lines: [{ description: 'x', quantity: 1, unitPriceCents: 100, vatRate: 16 }] },
      400,
      'lines.0.vatRate',
    );
    await check({ amountCents: 12.5 }, 400, 'amountCents');
    await check(
      { lines: [{ description: 'x', quantity: 1, unitPriceCents: 100 }], amountCents: 100 },
      422,
      'amountCents',
    );
    await check({ contactId: lukasContact }, 422, 'contactId', /deal’s company/);
    await check({ companyId: lukasCompany }, 422, 'companyId'); // Julia cannot see Lukas's company
    await check({ stageId: stage.Gewonnen }, 422, 'stageId', /open stage/);
    await check({ ownerId: '0190a000-0000-7000-8000-0000000000ff' }, 422, 'ownerId');
    await check({ expectedCloseDate: '2027-02-30' }, 400, 'expectedCloseDate');
    const titles = (await req(admin, 'GET', '/api/deals?q=falsch')).json<{ items: Deal[] }>().items;
    expect(titles).toEqual([]);
  });

  it('edits a deal with its version: plain amount, stale version 409, audit per field', async () => {
    const deal = await postDeal(t, julia, {
      title: 'Wartungsvertrag',
      companyId: juliasCompany,
      lines: [{ description: 'Wartung', quantity: 12, unitPriceCents: 89_000 }],
    });
    expect(deal.amountCents).toBe(1_068_000);
    const withLines = await req(julia, 'PATCH', `/api/deals/${deal.id}`, { version: 1, amountCents: 5 });
    expect(withLines.statusCode).toBe(422);
    expect(withLines.json()).toMatchObject({
      code: 'sales.amount_from_lines',
      errors: [{ path: 'amountCents' }],
    });

    t.clock.advance(HOUR);
    const plain = await req(julia, 'PATCH', `/api/deals/${deal.id}`, {
      version: 1,
      title: 'Wartungsvertrag 2027',
      lines: [],
      amountCents: 1_000_000,
      contactId: juliasContact,
    });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json()).toMatchObject({
      title: 'Wartungsvertrag 2027',
      amountCents: 1_000_000,
      hasLines: false,
      lines: [],
      contactId: juliasContact,
      version: 2,
      updatedAt: t.clock.now().toISOString(),
    });
    const stale = await req(julia, 'PATCH', `/api/deals/${deal.id}`, { version: 1, title: 'Alt' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'deal.stale_version' });
    const unknown = await req(julia, 'PATCH', `/api/deals/${deal.id}`, { version: 2, status: 'won' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'status', message: 'Unknown field "status"' }]);

    const audit = (await req(julia, 'GET', `/api/audit?entityType=deal&entityId=${deal.id}`)).json<{
      items: AuditEntry[];
    }>();
    expect(audit.items.map((a) => a.action)).toEqual(['update', 'create']);
    expect(audit.items[0]!.changes.map((c) => c.field).sort()).toEqual([
      'amountCents',
      'contactId',
      'hasLines',
      'lines',
      'title',
    ]);
  });

  it('a stage change is recorded in the history and raises deal.stage_changed in the same transaction', async () => {
    const deal = await postDeal(t, julia, {
      title: 'Drehmaschine',
      companyId: juliasCompany,
      amountCents: 5_480_000,
    });
    const enteredAt = t.clock.now().toISOString();
    t.clock.advance(3 * 24 * HOUR);
    const moved = await req(julia, 'PATCH', `/api/deals/${deal.id}`, {
      version: 1,
      stageId: stage.Qualifiziert,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = moved.json<DealDetail>();
    expect(after).toMatchObject({
      stageName: 'Qualifiziert',
      probability: 25,
      weightedAmountCents: 1_370_000,
      version: 2,
    });
    expect(after.stageEnteredAt).toBe(t.clock.now().toISOString());
    expect(
      after.stageHistory.map((h) => [h.fromStageName, h.toStageName, h.changedAt, h.changedByName]),
    ).toEqual([
      [null, 'Lead', enteredAt, 'Julia Schneider'],
      ['Lead', 'Qualifiziert', t.clock.now().toISOString(), 'Julia Schneider'],
    ]);
    const rows = await t.ctx.db
      .selectFrom('deal_stage_history')
      .select(['to_stage_id', 'left_at', 'stay_seconds', 'first_entry', 'advanced'])
      .where('deal_id', '=', deal.id)
      .orderBy('changed_at')
      .execute();
    expect(rows).toEqual([
      {
        to_stage_id: stage.Lead,
        left_at: t.clock.now().toISOString(),
        stay_seconds: 3 * 86_400,
        first_entry: 1,
        advanced: 1,
      },
      { to_stage_id: stage.Qualifiziert, left_at: null, stay_seconds: null, first_entry: 1, advanced: 0 },
    ]);
    expect(await outboxEvents(t, ['deal.stage_changed'], deal.id)).toEqual([
      {
        type: 'deal.stage_changed',
        payload: {
          dealId: deal.id,
          pipelineId: deal.pipelineId,
          fromStageId: stage.Lead,
          toStageId: stage.Qualifiziert,
          amountCents: 5_480_000,
        },
      },
    ]);
    // a stage of another pipeline is not a stage of this deal
    const service = await req(admin, 'POST', '/api/pipelines', {
      name: 'Service',
      stages: [
        { name: 'Anfrage', probability: 20, kind: 'open' },
        { name: 'Erledigt', probability: 100, kind: 'won' },
        { name: 'Abgesagt', probability: 0, kind: 'lost' },
      ],
    });
    const foreign = await req(julia, 'PATCH', `/api/deals/${deal.id}`, {
      version: 2,
      stageId: service.json().stages[0].id,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].path).toBe('stageId');
    // moving to another pipeline puts it into its first stage
    const switched = await req(julia, 'PATCH', `/api/deals/${deal.id}`, {
      version: 2,
      pipelineId: service.json().id,
    });
    expect(switched.json()).toMatchObject({
      pipelineId: service.json().id,
      stageName: 'Anfrage',
      probability: 20,
      version: 3,
    });
  });

  it('win, lose (reason required, 422 naming the field), reopen: status, dates, history and events', async () => {
    const reasons = (await req(julia, 'GET', '/api/lost-reasons')).json<{ items: LostReason[] }>().items;
    const deal = await postDeal(t, julia, {
      title: 'Spannvorrichtungen',
      companyId: juliasCompany,
      amountCents: 189_000,
    });
    t.clock.advance(HOUR);
    const moved = (
      await req(julia, 'PATCH', `/api/deals/${deal.id}`, { version: 1, stageId: stage.Angebot })
    ).json<DealDetail>();

    // into the lost stage without a reason: 422, nothing changes
    const noReason = await req(julia, 'PATCH', `/api/deals/${deal.id}`, {
      version: 2,
      stageId: stage.Verloren,
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json()).toMatchObject({
      code: 'sales.lost_reason_required',
      errors: [{ path: 'lostReason' }],
    });
    const loseNoReason = await req(julia, 'POST', `/api/deals/${deal.id}/lose`, { version: 2 });
    expect(loseNoReason.statusCode).toBe(422);
    expect(loseNoReason.json().errors).toEqual([{ path: 'reason', message: 'A lost deal needs a reason' }]);
    expect((await req(julia, 'GET', `/api/deals/${deal.id}`)).json()).toEqual(moved);

    t.clock.advance(HOUR);
    const lostAt = t.clock.now().toISOString();
    const lost = await req(julia, 'PATCH', `/api/deals/${deal.id}`, {
      version: 2,
      stageId: stage.Verloren,
      lostReasonId: reasons.find((r) => r.name === 'Preis')!.id,
    });
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json()).toMatchObject({
      status: 'lost',
      lostReason: 'Preis',
      lostAt,
      closedAt: lostAt,
      wonAt: null,
      version: 3,
    });
    expect(
      (await req(julia, 'POST', `/api/deals/${deal.id}/lose`, { version: 3, reason: 'x' })).json(),
    ).toMatchObject({
      code: 'sales.already_lost',
    });

    t.clock.advance(HOUR);
    const reopened = await req(julia, 'POST', `/api/deals/${deal.id}/reopen`, { version: 3 });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: 'open',
      stageName: 'Angebot',
      lostReason: null,
      lostAt: null,
      closedAt: null,
      version: 4,
    });

    t.clock.advance(HOUR);
    const wonAt = t.clock.now().toISOString();
    const won = await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: 4 });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({
      status: 'won',
      stageName: 'Gewonnen',
      probability: 100,
      wonAt,
      closedAt: wonAt,
      version: 5,
    });
    const again = await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'sales.already_won' });
    expect((await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: 4 })).statusCode).toBe(409);

    // from won straight to lost: reopened, then lost
    t.clock.advance(HOUR);
    const lostAgain = await req(julia, 'POST', `/api/deals/${deal.id}/lose`, {
      version: 5,
      reason: '  Budget gestrichen ',
    });
    expect(lostAgain.json()).toMatchObject({
      status: 'lost',
      lostReason: 'Budget gestrichen',
      lostReasonId: null,
      wonAt: null,
    });
    const intoWon = await req(julia, 'POST', `/api/deals/${deal.id}/reopen`, {
      version: 6,
      stageId: stage.Gewonnen,
    });
    expect(intoWon.statusCode).toBe(422);
    expect(intoWon.json().errors[0].path).toBe('stageId');
    const intoLead = await req(julia, 'POST', `/api/deals/${deal.id}/reopen`, {
      version: 6,
      stageId: stage.Lead,
    });
    expect(intoLead.json()).toMatchObject({ status: 'open', stageName: 'Lead', version: 7 });
    expect((await req(julia, 'POST', `/api/deals/${deal.id}/reopen`, { version: 7 })).json()).toMatchObject({
      code: 'sales.not_closed',
    });

    const history = intoLead.json<DealDetail>().stageHistory.map((h) => h.toStageName);
    expect(history).toEqual(['Lead', 'Angebot', 'Verloren', 'Angebot', 'Gewonnen', 'Verloren', 'Lead']);
    const events = await outboxEvents(
      t,
      ['deal.stage_changed', 'deal.won', 'deal.lost', 'deal.reopened'],
      deal.id,
    );
    expect(events.map((e) => e.type)).toEqual([
      'deal.stage_changed',
      'deal.stage_changed',
      'deal.lost',
      'deal.reopened',
      'deal.stage_changed',
      'deal.stage_changed',
      'deal.won',
      'deal.reopened',
      'deal.stage_changed',
      'deal.lost',
      'deal.reopened',
      'deal.stage_changed',
    ]);
    expect(events.find((e) => e.type === 'deal.won')!.payload).toEqual({
      dealId: deal.id,
      companyId: juliasCompany,
      amountCents: 189_000,
      currency: 'EUR',
    });
    expect(events.filter((e) => e.type === 'deal.lost').map((e) => e.payload.reason)).toEqual([
      'Preis',
      'Budget gestrichen',
    ]);
  });

  it('visibility: sales people see their own deals, managers their team’s, others all; accounting only reads', async () => {
    const juliasDeal = await postDeal(t, julia, {
      title: 'Sichtbar Julia',
      companyId: juliasCompany,
      amountCents: 100,
    });
    const lukasDeal = await postDeal(t, lukas, {
      title: 'Sichtbar Lukas',
      companyId: lukasCompany,
      contactId: lukasContact,
      amountCents: 100,
    });
    const titles = async (s: TestSession) =>
      (await req(s, 'GET', '/api/deals?q=sichtbar&sort=title'))
        .json<{ items: Deal[] }>()
        .items.map((d) => d.title);
    expect(await titles(julia)).toEqual(['Sichtbar Julia']);
    expect(await titles(lukas)).toEqual(['Sichtbar Lukas']);
    expect(await titles(manager)).toEqual(['Sichtbar Julia']);
    expect(await titles(admin)).toEqual(['Sichtbar Julia', 'Sichtbar Lukas']);
    expect(await titles(accounting)).toEqual(['Sichtbar Julia', 'Sichtbar Lukas']);

    expect((await req(lukas, 'GET', `/api/deals/${juliasDeal.id}`)).statusCode).toBe(404);
    expect(
      (await req(lukas, 'PATCH', `/api/deals/${juliasDeal.id}`, { version: 1, title: 'Meins' })).statusCode,
    ).toBe(404);
    expect((await req(lukas, 'POST', `/api/deals/${juliasDeal.id}/win`, { version: 1 })).statusCode).toBe(
      404,
    );
    expect((await req(manager, 'GET', `/api/deals/${lukasDeal.id}`)).statusCode).toBe(404);
    expect((await req(manager, 'GET', `/api/deals/${juliasDeal.id}`)).statusCode).toBe(200);
    expect(
      (await req(accounting, 'PATCH', `/api/deals/${juliasDeal.id}`, { version: 1, title: 'X' })).statusCode,
    ).toBe(403);
    expect((await req(accounting, 'GET', '/api/reports/forecast')).statusCode).toBe(403);

    // handing a deal over: Lukas owns it now, Julia no longer sees it
    const handed = await req(julia, 'PATCH', `/api/deals/${juliasDeal.id}`, {
      version: 1,
      ownerId: lukas.user.id,
      teamId: null,
    });
    expect(handed.json()).toMatchObject({ ownerId: lukas.user.id, ownerName: 'Lukas Wagner' });
    expect((await req(julia, 'GET', `/api/deals/${juliasDeal.id}`)).statusCode).toBe(404);
    expect((await req(lukas, 'GET', `/api/deals/${juliasDeal.id}`)).statusCode).toBe(200);
  });

  it('lists with filters, sort and cursor; the board has per-stage count, sum, weighted sum and first deals', async () => {
    const company = await makeCompany(t, 'Board Testfirma', admin);
    const { pipeline } = await defaultPipeline(t, admin);
    const make = async (title: string, amountCents: number, stageId: string, owner = admin) => {
      const d = await postDeal(t, owner, { title, companyId: company, amountCents });
      if (stageId === stage.Lead) return d;
      return (await req(owner, 'PATCH', `/api/deals/${d.id}`, { version: 1, stageId })).json<DealDetail>();
    };
    await make('Board A', 100_001, stage.Lead);
    await make('Board B', 300_000, stage.Lead);
    await make('Board C', 200_000, stage.Lead);
    await make('Board D', 1_000_003, stage.Verhandlung);
    const won = await make('Board E', 50_000, stage.Verhandlung);
    await req(admin, 'POST', `/api/deals/${won.id}/win`, { version: won.version });

    const boardRes = await req(admin, 'GET', `/api/deals/board?pipelineId=${pipeline.id}&limit=2`);
    expect(boardRes.statusCode, boardRes.body).toBe(200);
    const board = boardRes.json<Board>();
    const lead = board.columns.find((c) => c.stage.id === stage.Lead)!;
    expect(board.columns.map((c) => c.stage.name)).toEqual([
      'Lead',
      'Qualifiziert',
      'Angebot',
      'Verhandlung',
      'Gewonnen',
      'Verloren',
    ]);

    // all of the admin's visible deals count, not only this test's; compare with the list
    const all = async (stageId: string) => {
      const items: Deal[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/deals?stageId=${stageId}&sort=-amount&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await req(admin, 'GET', url)).json<{ items: Deal[]; nextCursor: string | null }>();
        // the list is written without the response schema's parse: it must match the contract exactly
        expect(DealList.parse(page)).toEqual(page);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    };
    for (const column of board.columns) {
      const deals = await all(column.stage.id);
      expect(column.count, column.stage.name).toBe(deals.length);
      expect(column.amountCents).toBe(deals.reduce((s, d) => s + d.amountCents, 0));
      const weighted = deals.reduce((s, d) => s + d.amountCents * d.probability, 0) / 100;
      expect(column.weightedAmountCents).toBe(Math.round(weighted));
      expect(column.deals).toEqual(deals.slice(0, 2));
      expect(column.nextCursor === null).toBe(deals.length <= 2);
    }
    const leadDeals = await all(stage.Lead);
    expect(leadDeals.map((d) => d.amountCents)).toEqual(
      [...leadDeals.map((d) => d.amountCents)].sort((a, b) => b - a),
    );
    // the column's cursor continues on the list endpoint
    const next = await req(
      admin,
      'GET',
      `/api/deals?stageId=${stage.Lead}&sort=-amount&limit=2&cursor=${lead.nextCursor}`,
    );
    expect(next.json<{ items: Deal[] }>().items).toEqual(leadDeals.slice(2, 4));

    // only this test's deals, exact figures
    const mine = (await req(admin, 'GET', `/api/deals?companyId=${company}&sort=-amount`)).json<{
      items: Deal[];
    }>();
    expect(mine.items.map((d) => [d.title, d.amountCents, d.status])).toEqual([
      ['Board D', 1_000_003, 'open'],
      ['Board B', 300_000, 'open'],
      ['Board C', 200_000, 'open'],
      ['Board A', 100_001, 'open'],
      ['Board E', 50_000, 'won'],
    ]);
    const onlyAdmin = (await req(admin, 'GET', `/api/deals/board?ownerId=${admin.user.id}`)).json<Board>();
    const leadOfAdmin = onlyAdmin.columns[0]!;
    expect([leadOfAdmin.count, leadOfAdmin.amountCents, leadOfAdmin.weightedAmountCents]).toEqual([
      3, 600_001, 60_000,
    ]);
    const negotiation = onlyAdmin.columns[3]!;
    // 1,000,003 × 75 % = 750,002.25 → 750,002
    expect([negotiation.count, negotiation.amountCents, negotiation.weightedAmountCents]).toEqual([
      1, 1_000_003, 750_002,
    ]);
    expect(onlyAdmin.columns[4]!).toMatchObject({
      count: 1,
      amountCents: 50_000,
      weightedAmountCents: 50_000,
    });

    // Julia's board holds only her own deals
    const juliasBoard = (await req(julia, 'GET', '/api/deals/board')).json<Board>();
    expect(juliasBoard.columns.flatMap((c) => c.deals).every((d) => d.ownerId === julia.user.id)).toBe(true);

    const filtered = await req(admin, 'GET', `/api/deals?companyId=${company}&status=won`);
    expect(filtered.json<{ items: Deal[] }>().items.map((d) => d.title)).toEqual(['Board E']);
    const bySort = await req(admin, 'GET', `/api/deals?companyId=${company}&sort=-probability`);
    expect(bySort.statusCode).toBe(400);
  });

  it('a stage that still holds deals cannot be removed: 409 naming how many to move', async () => {
    const company = await makeCompany(t, 'Stufen Testfirma', admin);
    const created = await req(admin, 'POST', '/api/pipelines', {
      name: 'Projekte',
      stages: [
        { name: 'Idee', probability: 10, kind: 'open' },
        { name: 'Konzept', probability: 40, kind: 'open' },
        { name: 'Auftrag', probability: 100, kind: 'won' },
        { name: 'Abgelehnt', probability: 0, kind: 'lost' },
      ],
    });
    const p = created.json();
    for (const title of ['P1', 'P2']) {
      await postDeal(t, admin, {
        title,
        companyId: company,
        pipelineId: p.id,
        stageId: p.stages[1].id,
        amountCents: 1,
      });
    }
    const without = p.stages
      .filter((_: unknown, i: number) => i !== 1)
      .map((s: { id: string; name: string; probability: number; kind: string }) => ({
        id: s.id,
        name: s.name,
        probability: s.probability,
        kind: s.kind,
      }));
    const res = await req(admin, 'PATCH', `/api/pipelines/${p.id}`, { version: 1, stages: without });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'sales.stage_has_deals',
      detail: 'Stage "Konzept" still has 2 deals; move them to another stage first',
    });
    const ok = await req(admin, 'PATCH', `/api/pipelines/${p.id}`, {
      version: 1,
      stages: [
        without[0],
        { name: 'Prüfung', probability: 60, kind: 'open' },
        { id: p.stages[1].id, name: 'Konzept', probability: 40, kind: 'open' },
        without[1],
        without[2],
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().stages.map((s: { name: string }) => s.name)).toEqual([
      'Idee',
      'Prüfung',
      'Konzept',
      'Auftrag',
      'Abgelehnt',
    ]);
    // removing an empty stage is fine; the history keeps its name
    const removed = await req(admin, 'PATCH', `/api/pipelines/${p.id}`, {
      version: 2,
      stages: ok
        .json()
        .stages.filter((s: { name: string }) => s.name !== 'Idee')
        .map((s: { id: string; name: string; probability: number; kind: string }) => ({
          id: s.id,
          name: s.name,
          probability: s.probability,
          kind: s.kind,
        })),
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(
      removed.json().stages.map((s: { name: string; position: number }) => [s.name, s.position]),
    ).toEqual([
      ['Prüfung', 0],
      ['Konzept', 1],
      ['Auftrag', 2],
      ['Abgelehnt', 3],
    ]);
  });

  it('the company timeline shows the steps of the company’s deals, to those who may see them', async () => {
    const deal = await postDeal(t, julia, {
      title: 'Zeitleiste',
      companyId: juliasCompany,
      amountCents: 1_240_000,
    });
    t.clock.advance(HOUR);
    const moved = (
      await req(julia, 'PATCH', `/api/deals/${deal.id}`, { version: 1, stageId: stage.Angebot })
    ).json<DealDetail>();
    t.clock.advance(HOUR);
    await req(julia, 'POST', `/api/deals/${deal.id}/win`, { version: moved.version });
    const res = await req(julia, 'GET', `/api/companies/${juliasCompany}/timeline?kinds=deal&limit=3`);
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json<{ items: Array<{ summary: string; actorName: string; ref: { id: string } }> }>()
      .items;
    expect(entries.map((e) => e.summary)).toEqual([
      'Deal "Zeitleiste" won (12.400,00\u00a0€)',
      'Deal "Zeitleiste" moved from Lead to Angebot',
      'Deal "Zeitleiste" created in Lead (12.400,00\u00a0€)',
    ]);
    expect(entries.every((e) => e.ref.id === deal.id && e.actorName === 'Julia Schneider')).toBe(true);
  });
});
