import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailTemplate, Rule } from '../../../../contracts/automation';
import type { DryRunResult, RuleRun } from '../../../../contracts/automation-runs';
import type { DealDetail } from '../../../../contracts/sales';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { defaultPipeline, makeCompany, postDeal } from '../sales/sales-test-helpers';

/**
 * Rules on real deals through the API: moving a big deal into Verhandlung mails its owner in the
 * owner's language (money and dates formatted for it), the run names the deal and the stage; a rule
 * whose update_field raises the event it listens to is stopped at its second round; a date trigger
 * ("3 days before the expected close date") runs once per deal and date; dry runs try recent deals.
 */
describe.each(DIALECTS)('rules on deals (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let anna: TestSession;
  let stage: Awaited<ReturnType<typeof defaultPipeline>>['stage'];
  let company: string;
  let template: EmailTemplate;

  const req = async <T>(s: TestSession, method: string, url: string, payload?: object, status = 200) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      headers: s.headers,
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return (res.body ? res.json() : null) as T;
  };
  const runsOf = async (ruleId: string) =>
    (await req<{ items: RuleRun[] }>(admin, 'GET', `/api/rules/${ruleId}/runs`)).items;
  /** Mails rules sent (not the welcome mail of a new user). */
  const mailsTo = (to: string) =>
    t.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', to)
      .where('subject', 'like', 'Deal %')
      .orderBy('id')
      .execute();
  const move = async (deal: DealDetail, stageId: string) => {
    const moved = await req<DealDetail>(anna, 'PATCH', `/api/deals/${deal.id}`, {
      version: deal.version,
      stageId,
    });
    await t.ctx.dispatcher.drain();
    return moved;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    anna = await createUserAndLogin(t, {
      role: 'sales',
      name: 'Anna Schmidt',
      email: 'anna@example.com',
      locale: 'en',
    });
    stage = (await defaultPipeline(t, admin)).stage;
    company = await makeCompany(t, 'Müller GmbH', anna);
    template = await req<EmailTemplate>(
      admin,
      'POST',
      '/api/automation/email-templates',
      {
        name: 'Großer Deal',
        subjectDe: 'Deal {{deal.title}} in Verhandlung',
        bodyDe: '{{company.name}}: {{deal.amountCents}}, Abschluss {{deal.expectedCloseDate}}',
        subjectEn: 'Deal {{deal.title}} in negotiation',
        bodyEn: '{{company.name}}: {{deal.amountCents}}, closing {{deal.expectedCloseDate}}',
      },
      201,
    );
  });
  afterAll(() => t?.close());

  it('a deal over 10,000 € entering Verhandlung mails its owner in her language; a small one does not', async () => {
    const rule = await req<Rule>(
      admin,
      'POST',
      '/api/rules',
      {
        name: 'Große Deals',
        enabled: true,
        trigger: { kind: 'event', event: 'deal.stage_changed' },
        conditions: {
          match: 'all',
          items: [
            { field: 'event.toStageId', op: 'eq', value: stage.Verhandlung },
            { field: 'deal.amountCents', op: 'gt', value: 1_000_000 },
          ],
        },
        actions: [{ kind: 'send_email', templateId: template.id, to: { kind: 'owner' } }],
      },
      201,
    );
    const big = await postDeal(t, anna, {
      title: 'Fräsen',
      companyId: company,
      amountCents: 1_200_000,
      expectedCloseDate: '2026-12-20',
    });
    const small = await postDeal(t, anna, { title: 'Kleinkram', companyId: company, amountCents: 50_000 });
    await move(small, stage.Verhandlung);
    await move(big, stage.Verhandlung);
    const runs = await runsOf(rule.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'done',
      recordType: 'deal',
      recordId: big.id,
      recordLabel: 'Fräsen',
    });
    expect(runs[0]?.reason).toBe('weil Deal „Fräsen“ in die Phase „Verhandlung“ kam (Betrag 12.000,00 €)');
    const [mail] = await mailsTo('anna@example.com');
    expect(mail?.subject).toBe('Deal Fräsen in negotiation');
    expect(mail?.text_body).toBe('Müller GmbH: €12,000.00, closing 2026-12-20');
    // the dry run tries the recent deals: the small one fails the amount condition
    const dry = await req<DryRunResult>(admin, 'POST', `/api/rules/${rule.id}/dry-run`, {
      recordId: small.id,
    });
    expect(dry.cases[0]).toMatchObject({ recordLabel: 'Kleinkram', conditionsPassed: false });
    expect(dry.cases[0]?.actions[0]?.description).toContain('anna@example.com');
    expect(await mailsTo('anna@example.com')).toHaveLength(1);
    await req(admin, 'PUT', `/api/rules/${rule.id}`, { version: 1, enabled: false });
  });

  it('dry runs derive the event from the deal and mark what only the event tells', async () => {
    const deal = await postDeal(t, anna, { title: 'Probelauf', companyId: company, amountCents: 2_000_000 });
    await move(deal, stage.Angebot);
    const dry = await req<DryRunResult>(admin, 'POST', '/api/rules/dry-run', {
      recordId: deal.id,
      rule: {
        name: 'Angebot',
        enabled: false,
        trigger: { kind: 'event', event: 'deal.stage_changed' },
        conditions: {
          match: 'all',
          items: [
            { field: 'event.toStageId', op: 'eq', value: stage.Angebot },
            { field: 'event.amountCents', op: 'gte', value: 2_000_000 },
            { field: 'event.fromStageId', op: 'eq', value: stage.Lead },
          ],
        },
        actions: [{ kind: 'send_email', templateId: template.id, to: { kind: 'owner' } }],
      },
    });
    expect(dry.cases[0]?.conditions).toEqual([
      { field: 'event.toStageId', op: 'eq', value: stage.Angebot, actual: stage.Angebot, passed: true },
      { field: 'event.amountCents', op: 'gte', value: 2_000_000, actual: 2_000_000, passed: true },
      {
        field: 'event.fromStageId',
        op: 'eq',
        value: stage.Lead,
        actual: '(nur beim Ereignis bekannt)',
        passed: true,
      },
    ]);
    expect(dry.cases[0]?.conditionsPassed).toBe(true);
  });

  it('refuses at save what could never run on deals; accepts a filter on changed lines', async () => {
    const base = {
      name: 'Prüfung',
      enabled: false,
      trigger: { kind: 'event', event: 'deal.stage_changed' },
      conditions: { match: 'all', items: [] },
    };
    const refused = async (body: object, path: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/rules',
        headers: admin.headers,
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    const mail = { kind: 'send_email', templateId: template.id, to: { kind: 'owner' } };
    // 31 February: croner parses it, but it never comes
    await refused(
      {
        ...base,
        trigger: { kind: 'schedule', cron: '0 0 31 2 *' },
        actions: [{ kind: 'notify', to: { kind: 'user', userId: admin.user.id }, message: 'x' }],
      },
      'trigger.cron',
    );
    await refused(
      { ...base, actions: [{ kind: 'update_field', field: 'deal.title', value: null }] },
      'actions.0.value',
    );
    await refused(
      {
        ...base,
        actions: [
          { kind: 'update_field', field: 'deal.ownerId', value: '0193a0a0-0000-7000-8000-0000000000ff' },
        ],
      },
      'actions.0.value',
    );
    await refused(
      {
        ...base,
        actions: [
          { kind: 'update_field', field: 'deal.teamId', value: '0193a0a0-0000-7000-8000-0000000000fe' },
        ],
      },
      'actions.0.value',
    );
    await refused({ ...base, actions: [{ kind: 'create_invoice_from_deal' }] }, 'actions.0.kind');
    // fine: a known owner; an invoice with `deal.status = won`; a filter on the deal's lines
    await req(
      admin,
      'POST',
      '/api/rules',
      { ...base, actions: [{ kind: 'update_field', field: 'deal.ownerId', value: anna.user.id }] },
      201,
    );
    await req(
      admin,
      'POST',
      '/api/rules',
      {
        ...base,
        conditions: { match: 'all', items: [{ field: 'deal.status', op: 'eq', value: 'won' }] },
        actions: [{ kind: 'create_invoice_from_deal' }],
      },
      201,
    );
    await req(
      admin,
      'POST',
      '/api/rules',
      { ...base, trigger: { kind: 'event', event: 'deal.updated', fields: ['lines'] }, actions: [mail] },
      201,
    );
  });

  it('stops a rule whose update_field raises the event that triggers it', async () => {
    const rule = await req<Rule>(
      admin,
      'POST',
      '/api/rules',
      {
        name: 'Titel anpassen',
        enabled: true,
        trigger: { kind: 'event', event: 'deal.updated', fields: ['expectedCloseDate'] },
        conditions: { match: 'all', items: [] },
        actions: [{ kind: 'update_field', field: 'deal.expectedCloseDate', value: '2027-01-31' }],
      },
      201,
    );
    const deal = await postDeal(t, anna, { title: 'Schleife', companyId: company, amountCents: 1000 });
    await req(anna, 'PATCH', `/api/deals/${deal.id}`, {
      version: deal.version,
      expectedCloseDate: '2027-01-15',
    });
    await t.ctx.dispatcher.drain();
    const runs = await runsOf(rule.id);
    expect(runs.map((r) => r.status)).toEqual(['stopped', 'done']);
    expect(runs[0]?.error).toContain('selbst ausgelöst');
    expect(runs[1]?.actions[0]?.result).toMatchObject({ entityType: 'deal', entityId: deal.id });
    const after = await req<DealDetail>(anna, 'GET', `/api/deals/${deal.id}`);
    expect(after.expectedCloseDate).toBe('2027-01-31');
    await req(admin, 'PUT', `/api/rules/${rule.id}`, { version: 1, enabled: false });
  });

  it('does not call it a loop when its own change does not pass its field filter', async () => {
    const rule = await req<Rule>(
      admin,
      'POST',
      '/api/rules',
      {
        name: 'Abschluss verschieben',
        enabled: true,
        trigger: { kind: 'event', event: 'deal.updated', fields: ['amountCents'] },
        conditions: { match: 'all', items: [] },
        actions: [{ kind: 'update_field', field: 'deal.expectedCloseDate', value: '2027-02-28' }],
      },
      201,
    );
    const deal = await postDeal(t, anna, { title: 'Keine Schleife', companyId: company, amountCents: 1000 });
    await req(anna, 'PATCH', `/api/deals/${deal.id}`, { version: deal.version, amountCents: 2000 });
    await t.ctx.dispatcher.drain();
    const runs = await runsOf(rule.id);
    expect(runs.map((r) => r.status)).toEqual(['done']);
    await req(admin, 'PUT', `/api/rules/${rule.id}`, { version: 1, enabled: false });
  });

  it('a task made by a rule reads fields no condition reads: the engine loads what the texts name', async () => {
    // the engine loads only the columns rules read (conditions, texts, owners): the subject's fields
    // come from the template variables, the company's city through the deal's company
    const rule = await req<Rule>(
      admin,
      'POST',
      '/api/rules',
      {
        name: 'Nachfassen',
        enabled: true,
        trigger: { kind: 'event', event: 'deal.stage_changed' },
        conditions: { match: 'all', items: [{ field: 'deal.amountCents', op: 'gte', value: 700_000 }] },
        actions: [
          {
            kind: 'create_task',
            taskType: 'call',
            subject: '{{deal.title}} bei {{company.name}} ({{deal.expectedCloseDate}})',
            assignTo: { kind: 'owner' },
            dueInDays: 1,
            priority: 'normal',
          },
        ],
      },
      201,
    );
    const deal = await postDeal(t, anna, {
      title: 'Drehbank',
      companyId: company,
      amountCents: 800_000,
      expectedCloseDate: '2026-12-18',
    });
    await move(deal, stage.Angebot);
    const [run] = await runsOf(rule.id);
    expect(run).toMatchObject({ status: 'done', recordLabel: 'Drehbank' });
    const task = await t.ctx.db
      .selectFrom('tasks')
      .select(['subject', 'assignee_id', 'deal_id'])
      .where('id', '=', run!.actions[0]!.result!.entityId)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({
      // Anna reads English: the date as yyyy-mm-dd
      subject: 'Drehbank bei Müller GmbH (2026-12-18)',
      assignee_id: anna.user.id,
      deal_id: deal.id,
    });
    await req(admin, 'PUT', `/api/rules/${rule.id}`, { version: 1, enabled: false });
  });

  it('a date trigger runs once per deal and date (run-job --as-of)', async () => {
    const rule = await req<Rule>(
      admin,
      'POST',
      '/api/rules',
      {
        name: 'Abschluss naht',
        enabled: true,
        trigger: {
          kind: 'date',
          recordType: 'deal',
          field: 'expectedCloseDate',
          offsetDays: -3,
          time: '06:00',
        },
        conditions: { match: 'all', items: [] },
        actions: [
          { kind: 'send_email', templateId: template.id, to: { kind: 'address', email: 'soon@example.com' } },
        ],
      },
      201,
    );
    const deal = await postDeal(t, anna, {
      title: 'Bald',
      companyId: company,
      amountCents: 1000,
      expectedCloseDate: '2026-12-04',
    });
    await runJob(t.ctx, 'automation.date-triggers', { asOf: '2026-11-30' });
    expect(await runsOf(rule.id)).toHaveLength(0);
    await runJob(t.ctx, 'automation.date-triggers', { asOf: '2026-12-01' });
    await runJob(t.ctx, 'automation.date-triggers', { asOf: '2026-12-01' });
    const runs = await runsOf(rule.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ triggerKey: `date:${deal.id}:2026-12-04`, status: 'done' });
    expect(runs[0]?.reason).toContain('in 3 Tagen');
    const [mail] = await mailsTo('soon@example.com');
    expect(mail?.text_body).toContain('Abschluss 04.12.2026');
  });
});
