import { describe, expect, it } from 'vitest';
import type { EmailTemplate, Rule } from '../../../../../contracts/automation';
import { DIALECTS } from '../../../testing/test-db';
import { ruleHarness } from '../rules.test-harness';

/**
 * The actions due when runs start run under one savepoint for the whole batch; when one fails, that
 * pass is rolled back and every run goes again action by action: the result is as if each run had
 * run alone.
 */
describe.each(DIALECTS)('starting runs (%s)', (dialect) => {
  const { h, req, memberAdded, runsOf, mailsTo, rule } = ruleHarness(dialect);

  it('a failing action in a batch of starting runs fails alone; the others take effect once', async () => {
    const broken = await req<EmailTemplate>(
      'POST',
      '/api/automation/email-templates',
      { name: 'Weg', subjectDe: 'a', bodyDe: 'b', subjectEn: 'a', bodyEn: 'b' },
      201,
    );
    const mail = (templateId: string, email: string) =>
      ({ kind: 'send_email', templateId, to: { kind: 'address', email } }) as const;
    const create = (name: string, actions: ReturnType<typeof mail>[]) =>
      req<Rule>('POST', '/api/rules', rule({ name, actions }), 201);
    const before = await create('Vorher', [mail(h.template.id, 'before@example.com')]);
    // its first action succeeds in the batch's pass, its second fails: the pass is rolled back
    const half = await create('Halb', [
      mail(h.template.id, 'half@example.com'),
      mail(broken.id, 'never@example.com'),
    ]);
    const after = await create('Nachher', [mail(h.template.id, 'after@example.com')]);
    await h.t.ctx.db
      .updateTable('automation_email_templates')
      .set({ deleted_at: '2026-11-26T00:00:00.000Z' })
      .where('id', '=', broken.id)
      .execute();

    await memberAdded(h.teamId);

    for (const [r, to] of [
      [before, 'before@example.com'],
      [after, 'after@example.com'],
    ] as const) {
      const [run] = await runsOf(r.id);
      expect(run?.status).toBe('done');
      expect(run?.actions[0]).toMatchObject({ status: 'done', attempts: 1, lastError: null });
      expect(await mailsTo(to)).toHaveLength(1);
    }
    const runs = await runsOf(half.id);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run?.status).toBe('waiting');
    expect(run?.error).toContain('template');
    expect(run?.actions[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(run?.actions[0]?.result).toMatchObject({ label: 'half@example.com' });
    expect(run?.actions[1]).toMatchObject({ status: 'pending', attempts: 1, result: null });
    expect(run?.actions[1]?.lastError).toContain('template');
    expect(Date.parse(run?.actions[1]?.nextAttemptAt ?? '') - h.t.clock.now().getTime()).toBe(60_000);
    expect(await mailsTo('half@example.com')).toHaveLength(1);
    expect(await mailsTo('never@example.com')).toHaveLength(0);
    for (const r of [before, half, after])
      await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });

  it('notifications of a batch of starting runs come once each; after a failed pass one by one, once', async () => {
    const notify = (message: string) =>
      ({ kind: 'notify', to: { kind: 'user', userId: h.admin.user.id }, message }) as const;
    const mine = () =>
      h.t.ctx.db
        .selectFrom('notifications')
        .select(['id', 'title'])
        .where('user_id', '=', h.admin.user.id)
        .where('kind', '=', 'rule_notification')
        .orderBy('title')
        .execute();
    const one = await req<Rule>('POST', '/api/rules', rule({ name: 'Eins', actions: [notify('Eins')] }), 201);
    const two = await req<Rule>('POST', '/api/rules', rule({ name: 'Zwei', actions: [notify('Zwei')] }), 201);
    await memberAdded(h.teamId);
    const written = await mine();
    expect(written.map((n) => n.title)).toEqual(['Eins', 'Zwei']);
    // each run's result names its own notification
    for (const [r, n] of [
      [one, written[0]],
      [two, written[1]],
    ] as const) {
      const [run] = await runsOf(r.id);
      expect(run?.actions[0]).toMatchObject({ status: 'done', result: { entityId: n?.id, label: n?.title } });
    }

    // a third rule's failing action (its template deleted) fails the batch's pass: one by one then
    const gone = await req<EmailTemplate>(
      'POST',
      '/api/automation/email-templates',
      { name: 'Gleich weg', subjectDe: 'a', bodyDe: 'b', subjectEn: 'a', bodyEn: 'b' },
      201,
    );
    const broken = await req<Rule>(
      'POST',
      '/api/rules',
      rule({
        name: 'Kaputt',
        actions: [
          notify('Drei'),
          { kind: 'send_email', templateId: gone.id, to: { kind: 'address', email: 'x@example.com' } },
        ],
      }),
      201,
    );
    await h.t.ctx.db
      .updateTable('automation_email_templates')
      .set({ deleted_at: '2026-11-26T00:00:00.000Z' })
      .where('id', '=', gone.id)
      .execute();
    await memberAdded(h.teamId);
    expect((await mine()).map((n) => n.title)).toEqual(['Drei', 'Eins', 'Eins', 'Zwei', 'Zwei']);
    const [run] = await runsOf(broken.id);
    expect(run?.actions[1]).toMatchObject({ status: 'pending', attempts: 1 });
    for (const r of [one, two, broken])
      await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });
});
