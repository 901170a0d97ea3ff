import { describe, expect, it } from 'vitest';
import type { EmailTemplate, Rule } from '../../../../../contracts/automation';
import { systemActor } from '../../../platform/actor';
import { publish } from '../../../platform/events/publish';
import { createTestUser } from '../../../testing/auth-helpers';
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

  it('the lookups a batch’s actions share are read anew in the next transaction (no stale user)', async () => {
    const bea = (await createTestUser(h.t, { role: 'sales', name: 'Bea Brandt' })).user;
    const notify = await req<Rule>(
      'POST',
      '/api/rules',
      rule({
        name: 'Bea benachrichtigen',
        actions: [{ kind: 'notify', to: { kind: 'user', userId: bea.id }, message: 'Neu im Team' }],
      }),
      201,
    );
    const task = await req<Rule>(
      'POST',
      '/api/rules',
      rule({
        name: 'Bea anrufen lassen',
        actions: [
          {
            kind: 'create_task',
            taskType: 'call',
            subject: 'Begrüßen',
            assignTo: { kind: 'user', userId: bea.id },
            dueInDays: 1,
            priority: 'normal',
            reminder: 'none',
          },
        ],
      }),
      201,
    );
    // two events in one batch: both runs of each rule read Bea (once, shared) and act
    await h.t.ctx.db.transaction().execute(async (trx) => {
      for (const origin of ['test-1', 'test-2'])
        await publish(trx, h.t.ctx.clock, systemActor(origin), 'team.member_added', {
          teamId: h.teamId,
          userId: h.admin.user.id,
        });
    });
    await h.t.ctx.dispatcher.drain();
    const made = () =>
      Promise.all([
        h.t.ctx.db.selectFrom('notifications').select('id').where('user_id', '=', bea.id).execute(),
        h.t.ctx.db.selectFrom('tasks').select('id').where('assignee_id', '=', bea.id).execute(),
      ]);
    expect((await made()).map((rows) => rows.length)).toEqual([2, 2]);

    const off = await h.t.app.inject({
      method: 'PATCH',
      url: `/api/users/${bea.id}`,
      headers: h.admin.headers,
      payload: { version: 1, active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    await memberAdded(h.teamId);
    expect((await made()).map((rows) => rows.length)).toEqual([2, 2]);
    const [notifyRun] = await runsOf(notify.id);
    expect(notifyRun?.status).toBe('waiting');
    expect(notifyRun?.actions[0]?.lastError).toContain('Nobody to notify');
    const [taskRun] = await runsOf(task.id);
    expect(taskRun?.status).toBe('waiting');
    expect(taskRun?.actions[0]?.lastError).toContain('deactivated');
    for (const r of [notify, task]) await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });
});
