import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiToken } from '../../../../contracts/identity';
import { bearer, createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, postDeal } from '../sales/sales-test-helpers';

/**
 * Who sees what automation tells about records: provenance needs the record type's read permission
 * (and token scope) and a visible record; dry runs on a chosen record only for records the caller
 * sees; a rule saved through a token needs the scopes of what its actions write; the rule editor's
 * webhook picker works for managers who do not manage webhooks.
 */
describe.each(DIALECTS)('automation access (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let manager: TestSession;
  let anna: TestSession;
  let dealId: string;

  const send = (
    headers: Record<string, string>,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const tokenOf = async (s: TestSession, scopes: string[]) => {
    const res = await send(s.headers, 'POST', '/api/api-tokens', {
      name: `Token ${scopes.join(' ')}`,
      scopes,
    });
    expect(res.statusCode, res.body).toBe(201);
    return bearer(res.json<CreatedApiToken>().token);
  };
  const dealRule = (actions: object[]) => ({
    name: 'Zugriff',
    enabled: false,
    trigger: { kind: 'event', event: 'deal.stage_changed' },
    conditions: { match: 'all', items: [] },
    actions,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Max Weber' });
    anna = await createUserAndLogin(t, { role: 'sales', name: 'Anna Schmidt' });
    const company = await makeCompany(t, 'Müller GmbH', anna);
    dealId = (await postDeal(t, anna, { title: 'Fräsen', companyId: company, amountCents: 1_200_000 })).id;
  });
  afterAll(() => t?.close());

  it('provenance: the record type’s read permission and scope, and a record the caller sees', async () => {
    const url = (type: string, id: string) => `/api/automation/provenance?entityType=${type}&entityId=${id}`;
    expect((await send(anna.headers, 'GET', url('deal', dealId))).statusCode).toBe(200);
    expect((await send(admin.headers, 'GET', url('deal', dealId))).statusCode).toBe(200);
    // the manager's teams do not include Anna: her deal is not theirs to see
    expect((await send(manager.headers, 'GET', url('deal', dealId))).statusCode).toBe(404);
    expect((await send(admin.headers, 'GET', url('spaceship', dealId))).statusCode).toBe(400);
    // sales may not read purchase orders at all
    expect((await send(anna.headers, 'GET', url('purchase_order', dealId))).statusCode).toBe(403);
    const automationOnly = await tokenOf(admin, ['automation:read']);
    const refused = await send(automationOnly, 'GET', url('deal', dealId));
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().code).toBe('auth.token_scope');
    expect((await send(await tokenOf(admin, ['deals:read']), 'GET', url('deal', dealId))).statusCode).toBe(
      200,
    );
  });

  it('dry runs show only records the caller sees', async () => {
    const body = { rule: dealRule([{ kind: 'notify', to: { kind: 'owner' }, message: '{{deal.title}}' }]) };
    const mine = await send(manager.headers, 'POST', '/api/rules/dry-run', { ...body, recordId: dealId });
    expect(mine.statusCode, mine.body).toBe(404);
    const recent = await send(manager.headers, 'POST', '/api/rules/dry-run', body);
    expect(recent.statusCode, recent.body).toBe(200);
    expect(recent.json().cases.map((c: { recordId: string }) => c.recordId)).not.toContain(dealId);
    const saved = await send(admin.headers, 'POST', '/api/rules', body.rule);
    expect(saved.statusCode, saved.body).toBe(201);
    const ruleId = saved.json().id as string;
    const asManager = await send(manager.headers, 'POST', `/api/rules/${ruleId}/dry-run`, {
      recordId: dealId,
    });
    expect(asManager.statusCode, asManager.body).toBe(404);
    const asAdmin = await send(admin.headers, 'POST', `/api/rules/${ruleId}/dry-run`, { recordId: dealId });
    expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    expect(asAdmin.json().cases[0]).toMatchObject({ recordId: dealId, recordLabel: 'Fräsen' });
  });

  it('a rule saved through a token needs the scopes of what its actions write', async () => {
    const automation = await tokenOf(admin, ['automation:write']);
    const update = dealRule([{ kind: 'update_field', field: 'deal.title', value: 'Neu' }]);
    const refused = await send(automation, 'POST', '/api/rules', update);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'auth.token_scope' });
    expect(refused.json().detail).toContain('deals:write');
    const task = dealRule([{ kind: 'notify', to: { kind: 'owner' }, message: 'x' }]);
    expect((await send(automation, 'POST', '/api/rules', task)).statusCode).toBe(403);
    const both = await tokenOf(admin, ['automation:write', 'deals:write']);
    const created = await send(both, 'POST', '/api/rules', update);
    expect(created.statusCode, created.body).toBe(201);
    // changing the rule later through the first token: its kept actions still need deals:write
    const renamed = await send(automation, 'PUT', `/api/rules/${created.json().id}`, {
      version: 1,
      name: 'Anders',
    });
    expect(renamed.statusCode, renamed.body).toBe(403);
    // a session is not limited by scopes; a mail needs no extra scope
    const mailOnly = dealRule([
      { kind: 'send_email', to: { kind: 'owner' }, templateId: await templateId() },
    ]);
    expect((await send(automation, 'POST', '/api/rules', mailOnly)).statusCode).toBe(201);
  });

  it('the rule editor’s webhook picker works without webhooks.manage', async () => {
    const hook = await send(admin.headers, 'POST', '/api/webhooks', {
      name: 'ERP',
      url: 'https://erp.example.com/hook',
      events: ['deal.won'],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    expect((await send(manager.headers, 'GET', '/api/webhooks')).statusCode).toBe(403);
    const options = await send(manager.headers, 'GET', '/api/automation/webhook-options');
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json()).toEqual({ items: [{ id: hook.json().id, name: 'ERP', active: true }] });
    expect((await send(anna.headers, 'GET', '/api/automation/webhook-options')).statusCode).toBe(403);
  });

  async function templateId(): Promise<string> {
    const res = await send(admin.headers, 'POST', '/api/automation/email-templates', {
      name: `Vorlage ${Date.now()}`,
      subjectDe: 'Deal {{deal.title}}',
      bodyDe: 'Hallo',
      subjectEn: 'Deal {{deal.title}}',
      bodyEn: 'Hello',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
});
