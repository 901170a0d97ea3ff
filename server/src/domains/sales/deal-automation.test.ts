import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { Team } from '../../../../contracts/identity';
import type { DealDetail } from '../../../../contracts/sales';
import { systemActor } from '../../platform/actor';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import type { ActionContext } from '../automation';
import { recordTypeOf } from '../automation/registry';
import {
  defaultPipeline,
  makeCompany,
  makeContact,
  outboxEvents,
  postDeal,
  requester,
} from './sales-test-helpers';

describe.each(DIALECTS)('deals for automation rules (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof requester>;
  let admin: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let team: Team;
  let stage: Awaited<ReturnType<typeof defaultPipeline>>['stage'];
  let company: string;
  let contact: string;

  /** What an update_field action hands the record type: the rule's actor and a transaction. */
  const asRule = (run: (ctx: ActionContext) => Promise<void>) =>
    t.ctx.db.transaction().execute((trx) =>
      run({
        trx,
        clock: t.ctx.clock,
        config: t.ctx.config,
        actor: systemActor('rule:r1@2'),
      } as ActionContext),
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    team = (await req(admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' })).json<Team>();
    stage = (await defaultPipeline(t, admin)).stage;
    company = await makeCompany(t, 'Hansen Maschinenbau', julia);
    contact = await makeContact(t, company, 'Hansen');
  });
  afterAll(() => t?.close());

  it('editing fields raises deal.updated with the changed fields; moves and no-ops do not', async () => {
    const deal = await postDeal(t, julia, { title: 'Fräse', companyId: company, amountCents: 100_000 });
    const patch = (body: object) => req(julia, 'PATCH', `/api/deals/${deal.id}`, body);
    expect(
      (await patch({ version: 1, amountCents: 150_000, expectedCloseDate: '2027-01-15', title: 'Fräse' }))
        .statusCode,
    ).toBe(200);
    // nothing changed: no event
    expect((await patch({ version: 2, title: 'Fräse', amountCents: 150_000 })).statusCode).toBe(200);
    // a stage move has its own event
    expect((await patch({ version: 3, stageId: stage.Angebot })).statusCode).toBe(200);
    expect((await patch({ version: 4, contactId: contact, teamId: team.id })).statusCode).toBe(200);
    const lines = [{ description: 'Fräse F-200', quantity: 1, unitPriceCents: 200_000, vatRate: 19 }];
    expect((await patch({ version: 5, lines })).statusCode).toBe(200);

    const events = await outboxEvents(t, ['deal.updated', 'deal.stage_changed'], deal.id);
    expect(events).toEqual([
      {
        type: 'deal.updated',
        payload: { dealId: deal.id, companyId: company, changed: ['expectedCloseDate', 'amountCents'] },
      },
      expect.objectContaining({ type: 'deal.stage_changed' }),
      {
        type: 'deal.updated',
        payload: { dealId: deal.id, companyId: company, changed: ['teamId', 'contactId'] },
      },
      {
        type: 'deal.updated',
        payload: { dealId: deal.id, companyId: company, changed: ['amountCents', 'lines'] },
      },
    ]);
  });

  it('loads deals with their stage, stage and pipeline records, and the contact to mail', async () => {
    const deal = await postDeal(t, julia, {
      title: 'Drehbank',
      companyId: company,
      contactId: contact,
      amountCents: 1_234_567,
      teamId: team.id,
      expectedCloseDate: '2027-03-01',
    });
    const deals = recordTypeOf('deal')!;
    const loaded = await deals.load(t.ctx.db, [deal.id, 'missing']);
    expect(loaded.has('missing')).toBe(false);
    const values = loaded.get(deal.id)!;
    expect(values).toMatchObject({
      id: deal.id,
      title: 'Drehbank',
      amountCents: 1_234_567,
      currency: 'EUR',
      pipelineId: deal.pipelineId,
      stageId: stage.Lead,
      stageName: 'Lead',
      probability: 10,
      status: 'open',
      ownerId: julia.user.id,
      teamId: team.id,
      companyId: company,
      contactId: contact,
      expectedCloseDate: '2027-03-01',
    });
    expect(deals.label(values)).toBe('Drehbank');
    expect(deals.fields.find((f) => f.name === 'amountCents')!.type).toBe('money');
    expect(deals.related!.map((r) => r.name)).toEqual(
      expect.arrayContaining(['company', 'contact', 'owner', 'stage', 'pipeline']),
    );

    const stages = await recordTypeOf('stage')!.load(t.ctx.db, [stage.Lead]);
    expect(stages.get(stage.Lead)).toMatchObject({
      name: 'Lead',
      probability: 10,
      pipelineId: deal.pipelineId,
    });
    const pipelines = await recordTypeOf('pipeline')!.load(t.ctx.db, [deal.pipelineId]);
    expect(pipelines.get(deal.pipelineId)).toMatchObject({ name: expect.any(String), isDefault: true });

    // the deal's contact has no address: the company's first mailable contact gets the mail
    expect(await deals.contact!(t.ctx.db, values)).toBeNull();
    const mailable = await req(admin, 'POST', '/api/contacts', {
      companyId: company,
      firstName: 'Maria',
      lastName: 'Hansen',
      emails: [{ address: 'maria@hansen.de' }],
      preferredLanguage: 'en',
    });
    expect(mailable.statusCode).toBe(201);
    expect(await deals.contact!(t.ctx.db, values)).toEqual({
      email: 'maria@hansen.de',
      name: 'Maria Hansen',
      locale: 'en',
    });

    // date triggers: open deals closing that day; recent: the last changed first
    expect(await deals.findByDate!(t.ctx.db, 'expectedCloseDate', '2027-03-01', null, 10)).toEqual([deal.id]);
    expect(await deals.findByDate!(t.ctx.db, 'expectedCloseDate', '2027-03-01', deal.id, 10)).toEqual([]);
    expect(await deals.findByDate!(t.ctx.db, 'createdAt', '2027-03-01', null, 10)).toEqual([]);
    expect((await deals.recent!(t.ctx.db, 1))[0]).toBe(deal.id);
  });

  it('update_field changes a deal through the sales service: checks, audit entry and deal.updated', async () => {
    const deal = await postDeal(t, julia, { title: 'Presse', companyId: company, amountCents: 5_000 });
    const deals = recordTypeOf('deal')!;
    await asRule((ctx) => deals.update!(ctx, deal.id, 'ownerId', lukas.user.id));
    await asRule((ctx) => deals.update!(ctx, deal.id, 'expectedCloseDate', '2027-05-31'));

    const after = (await req(admin, 'GET', `/api/deals/${deal.id}`)).json<DealDetail>();
    expect(after).toMatchObject({ ownerId: lukas.user.id, expectedCloseDate: '2027-05-31', version: 3 });
    const audit = (await req(admin, 'GET', `/api/audit?entityType=deal&entityId=${deal.id}`)).json<{
      items: AuditEntry[];
    }>().items;
    expect(
      audit.find((e) => e.changes.some((c) => c.field === 'ownerId' && c.after === lukas.user.id)),
    ).toMatchObject({ origin: 'rule:r1@2' });
    const events = await outboxEvents(t, ['deal.updated'], deal.id);
    expect(events.map((e) => e.payload.changed)).toEqual([['ownerId'], ['expectedCloseDate']]);
    const origins = await t.ctx.db
      .selectFrom('outbox')
      .select('origin')
      .where('type', '=', 'deal.updated')
      .execute();
    expect(origins.map((o) => o.origin)).toContain('rule:r1@2');

    // refused: bad values, unknown teams, fields rules may not set — nothing written
    for (const [field, value, code] of [
      ['expectedCloseDate', '31.05.2027', 'sales.invalid_value'],
      ['teamId', '01939d2e-0000-7000-8000-000000000000', 'sales.unknown_team'],
      ['amountCents', 1, 'automation.field_not_updatable'],
      ['ownerId', '01939d2e-0000-7000-8000-000000000000', 'sales.unknown_owner'],
    ] as const) {
      await expect(asRule((ctx) => deals.update!(ctx, deal.id, field, value))).rejects.toMatchObject({
        code,
      });
    }
    expect((await req(admin, 'GET', `/api/deals/${deal.id}`)).json()).toMatchObject({ version: 3 });
  });
});
