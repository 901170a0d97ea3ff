import { describe, expect, it } from 'vitest';
import type { CreateRule, Rule } from '../../../../contracts/automation';
import type { DryRunResult } from '../../../../contracts/automation-runs';
import { systemActor } from '../../platform/actor';
import { uuidv7 } from '../../platform/ids';
import { runJob } from '../../platform/jobs/run-job';
import { DIALECTS } from '../../testing/test-db';
import { startRuns } from './engine/start-runs';
import { allBuiltinRules } from './registry';
import { ruleHarness } from './rules.test-harness';

/**
 * Rules over the API: CRUD with versions and the refusals of rules that could never run; a rule
 * fires on an event (conditions true/false, the run with its reason, a mail queued) exactly once
 * per event; loops stopped; dry runs that write nothing; schedules via run-job --as-of; the
 * catalogue and built-in rules. (Waits, retries and concurrent runners: rule-runs-later.test.ts.)
 */
describe.each(DIALECTS)('automation rules (%s)', (dialect) => {
  const { h, req, memberAdded, runsOf, mailsTo, rule } = ruleHarness(dialect);

  it('creates, versions, updates with the version and deletes a rule', async () => {
    const created = await req<Rule>('POST', '/api/rules', rule({ enabled: false }), 201);
    expect(created).toMatchObject({ version: 1, enabled: false, builtin: null, runs30d: 0 });
    const list = await req<{ items: Rule[] }>('GET', '/api/rules');
    expect(list.items.map((r) => r.id)).toContain(created.id);
    expect(list.items.findIndex((r) => r.id === created.id)).toBeGreaterThanOrEqual(
      list.items.filter((r) => r.builtin).length,
    );
    const updated = await req<Rule>('PUT', `/api/rules/${created.id}`, { version: 1, name: 'Umbenannt' });
    expect(updated).toMatchObject({ version: 2, name: 'Umbenannt' });
    await req('PUT', `/api/rules/${created.id}`, { version: 1, name: 'Zu spät' }, 409);
    const versions = await req<{ items: Array<{ version: number; name: string }> }>(
      'GET',
      `/api/rules/${created.id}/versions`,
    );
    expect(versions.items.map((v) => [v.version, v.name])).toEqual([
      [2, 'Umbenannt'],
      [1, 'Neues Teammitglied'],
    ]);
    const audit = await h.t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'automation_rule')
      .where('entity_id', '=', created.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update']);
    await req('DELETE', `/api/rules/${created.id}`, undefined, 204);
    await req('GET', `/api/rules/${created.id}`, undefined, 404);
  });

  it('refuses rules that could never run, naming the path', async () => {
    const refused = async (body: CreateRule, path: string) => {
      const res = await h.t.app.inject({
        method: 'POST',
        url: '/api/rules',
        headers: h.admin.headers,
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await refused(
      rule({ conditions: { match: 'all', items: [{ field: 'event.nope', op: 'eq', value: 'x' }] } }),
      'conditions.items.0.field',
    );
    await refused(
      rule({ conditions: { match: 'all', items: [{ field: 'event.teamId', op: 'gt', value: 'x' }] } }),
      'conditions.items.0.op',
    );
    await refused(
      rule({ trigger: { kind: 'event', event: 'team.member_added', fields: ['name'] } }),
      'trigger.fields',
    );
    await refused(
      rule({ trigger: { kind: 'schedule', cron: '99 8 * * *' }, conditions: { match: 'all', items: [] } }),
      'trigger.cron',
    );
    await refused(rule({ trigger: { kind: 'schedule', cron: '0 8 * * *' } }), 'conditions.items.0.field');
    await refused(
      rule({
        actions: [
          { kind: 'send_email', templateId: h.template.id, to: { kind: 'address', email: 'a@example.com' } },
          { kind: 'wait', minutes: 5 },
        ],
      }),
      'actions.1',
    );
    await refused(
      rule({ actions: [{ kind: 'send_email', templateId: uuidv7(), to: { kind: 'owner' } }] }),
      'actions.0.to',
    );
    await refused(
      rule({
        actions: [
          { kind: 'send_email', templateId: uuidv7(), to: { kind: 'address', email: 'a@example.com' } },
        ],
      }),
      'actions.0',
    );
    await refused(
      rule({ actions: [{ kind: 'update_field', field: 'event.teamId', value: 'x' }] }),
      'actions.0.field',
    );
  });

  it('runs when the conditions hold, with its reason, and queues the mail; not otherwise; once per event', async () => {
    const r = await req<Rule>('POST', '/api/rules', rule({ name: 'Mail an Team' }), 201);
    await memberAdded(uuidv7());
    expect(await runsOf(r.id)).toHaveLength(0);
    const eventId = await memberAdded(h.teamId);
    const [run] = await runsOf(r.id);
    expect(run).toMatchObject({ status: 'done', eventId, eventType: 'team.member_added', ruleVersion: 1 });
    expect(run?.reason).toContain('team.member_added');
    expect(run?.conditions).toEqual([
      { field: 'event.teamId', op: 'eq', value: h.teamId, actual: h.teamId, passed: true },
    ]);
    expect(run?.actions[0]).toMatchObject({
      status: 'done',
      attempts: 1,
      result: { entityType: 'mail', label: 'team@example.com' },
    });
    const mails = await mailsTo('team@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Neu im Team ${h.teamId}`);
    // provenance of the mail
    const prov = await req<{ items: Array<{ ruleId: string; reason: string }> }>(
      'GET',
      `/api/automation/provenance?entityType=mail&entityId=${mails[0]?.id}`,
    );
    expect(prov.items).toEqual([expect.objectContaining({ ruleId: r.id, reason: run?.reason })]);
    // the same event delivered again: no second run, no second mail
    const event = {
      id: eventId,
      type: 'team.member_added' as const,
      payload: { teamId: h.teamId, userId: h.admin.user.id },
      occurredAt: h.t.clock.now().toISOString(),
      actorId: null,
      origin: 'test',
    };
    await h.t.ctx.db
      .transaction()
      .execute((trx) =>
        startRuns(
          h.t.ctx,
          { trx, db: trx as never, clock: h.t.clock, config: h.t.ctx.config, actor: systemActor('test') },
          [event],
        ),
      );
    expect(await runsOf(r.id)).toHaveLength(1);
    expect(await mailsTo('team@example.com')).toHaveLength(1);
    await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });

  it('stops a rule that triggered itself, and a chain of five rules', async () => {
    const r = await req<Rule>('POST', '/api/rules', rule({ name: 'Schleife' }), 201);
    await memberAdded(h.teamId, `rule:${r.id}@1`);
    let [run] = await runsOf(r.id);
    expect(run?.status).toBe('stopped');
    expect(run?.error).toContain('Schleife');
    expect(run?.error).toContain('selbst ausgelöst');
    expect(run?.actions.length).toBe(0);
    const chain = [1, 2, 3, 4, 5].map(() => `rule:${uuidv7()}@1`).join('<');
    await memberAdded(h.teamId, chain);
    const runs = await runsOf(r.id);
    expect(runs).toHaveLength(2);
    [run] = runs;
    expect(run?.status).toBe('stopped');
    expect(run?.error).toContain('5 Regeln');
    await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });

  it('dry-runs a rule without writing anything; a schedule shows its next runs', async () => {
    const r = await req<Rule>('POST', '/api/rules', rule({ name: 'Trocken', enabled: false }), 201);
    const countRows = async () => ({
      runs: (await h.t.ctx.db.selectFrom('automation_runs').select('id').execute()).length,
      mails: (await h.t.ctx.db.selectFrom('mail_outbox').select('id').execute()).length,
    });
    const before = await countRows();
    const result = await req<DryRunResult>('POST', `/api/rules/${r.id}/dry-run`, {});
    expect(result.cases).toHaveLength(1);
    expect(result.cases[0]?.actions[0]).toMatchObject({ kind: 'send_email', problem: null });
    expect(result.cases[0]?.actions[0]?.description).toContain('team@example.com');
    expect(await countRows()).toEqual(before);
    const schedule = await req<DryRunResult>('POST', '/api/rules/dry-run', {
      rule: rule({
        trigger: { kind: 'schedule', cron: '0 8 * * 1' },
        conditions: { match: 'all', items: [] },
      }),
    });
    expect(schedule.nextRuns).toHaveLength(5);
    expect(schedule.nextRuns[0]).toBe('2026-11-30T07:00:00.000Z');
    await h.t.app
      .inject({
        method: 'POST',
        url: '/api/rules/dry-run',
        headers: h.admin.headers,
        payload: { rule: rule({ trigger: { kind: 'schedule', cron: 'nope nope' } }) },
      })
      .then((res) => expect(res.statusCode).toBe(422));
  });

  it('runs a schedule once per due instant (run-job --as-of)', async () => {
    const r = await req<Rule>(
      'POST',
      '/api/rules',
      rule({
        name: 'Täglich',
        trigger: { kind: 'schedule', cron: '0 5 * * *' },
        conditions: { match: 'all', items: [] },
        actions: [
          {
            kind: 'send_email',
            templateId: h.template.id,
            to: { kind: 'address', email: 'daily@example.com' },
          },
        ],
      }),
      201,
    );
    const asOf = '2026-12-03';
    await runJob(h.t.ctx, 'automation.schedules', { asOf });
    await runJob(h.t.ctx, 'automation.schedules', { asOf });
    const runs = await runsOf(r.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'done', triggerKey: expect.stringMatching(/^schedule:/) });
    expect(runs[0]?.reason).toContain('0 5 * * *');
    expect(await mailsTo('daily@example.com')).toHaveLength(1);
  });

  it('offers the catalogue and shows built-in rules, which are disabled instead of deleted', async () => {
    const catalog = await req<{ triggers: Array<{ event: string }>; actions: Record<string, string[]> }>(
      'GET',
      '/api/automation/catalog',
    );
    expect(catalog.triggers.map((x) => x.event)).toContain('team.member_added');
    expect(catalog.actions.none).toEqual(expect.arrayContaining(['send_email', 'wait']));
    const builtins = (await req<{ items: Rule[] }>('GET', '/api/rules')).items.filter((x) => x.builtin);
    expect(builtins.map((b) => b.builtin?.key)).toEqual(allBuiltinRules().map((d) => d.key));
    const first = builtins[0];
    if (!first) return;
    await req('DELETE', `/api/rules/${first.id}`, undefined, 422);
    await req('PUT', `/api/rules/${first.id}`, { version: first.version, name: 'Anders' }, 422);
    const off = await req<Rule>('PUT', `/api/rules/${first.id}`, {
      version: first.version,
      enabled: !first.enabled,
    });
    expect(off).toMatchObject({ enabled: !first.enabled, version: first.version + 1 });
  });
});
