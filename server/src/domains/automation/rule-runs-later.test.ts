import { describe, expect, it } from 'vitest';
import type { EmailTemplate, Rule } from '../../../../contracts/automation';
import { runJob } from '../../platform/jobs/run-job';
import { DIALECTS } from '../../testing/test-db';
import { runDueActions } from './engine/run-due-actions';
import { ruleHarness } from './rules.test-harness';

/**
 * What happens after the event: a wait delays the next action until the automation.actions job;
 * a failing action is retried with backoff (1, 5, 30, 120 min), then failed and listed — retry and
 * discard over the API; three runners at once carry on each due action exactly once.
 */
describe.each(DIALECTS)('rule runs after the event (%s)', (dialect) => {
  const { h, req, memberAdded, runsOf, mailsTo, rule } = ruleHarness(dialect);

  it('waits before the next action and carries it out when due (automation.actions job)', async () => {
    const r = await req<Rule>(
      'POST',
      '/api/rules',
      rule({
        name: 'Später',
        actions: [
          { kind: 'wait', minutes: 60 },
          {
            kind: 'send_email',
            templateId: h.template.id,
            to: { kind: 'address', email: 'later@example.com' },
          },
        ],
      }),
      201,
    );
    await memberAdded(h.teamId);
    let [run] = await runsOf(r.id);
    expect(run?.status).toBe('waiting');
    expect(run?.actions.map((a) => a.status)).toEqual(['done', 'pending']);
    expect(await mailsTo('later@example.com')).toHaveLength(0);
    h.t.clock.advance(61 * 60_000);
    const job = await runJob(h.t.ctx, 'automation.actions');
    expect(job.status).toBe('succeeded');
    [run] = await runsOf(r.id);
    expect(run?.status).toBe('done');
    expect(await mailsTo('later@example.com')).toHaveLength(1);
    await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });

  it('retries a failing action with backoff, then lists it as failed: retry and discard', async () => {
    const broken = await req<EmailTemplate>(
      'POST',
      '/api/automation/email-templates',
      { name: 'Kaputt', subjectDe: 'a', bodyDe: 'b', subjectEn: 'a', bodyEn: 'b' },
      201,
    );
    const r = await req<Rule>(
      'POST',
      '/api/rules',
      rule({
        name: 'Fehlschlag',
        actions: [
          { kind: 'send_email', templateId: broken.id, to: { kind: 'address', email: 'broken@example.com' } },
          {
            kind: 'send_email',
            templateId: h.template.id,
            to: { kind: 'address', email: 'after@example.com' },
          },
        ],
      }),
      201,
    );
    // the template vanishes behind the rule's back: the action fails when it runs
    const hide = (deleted: string | null) =>
      h.t.ctx.db
        .updateTable('automation_email_templates')
        .set({ deleted_at: deleted })
        .where('id', '=', broken.id)
        .execute();
    await hide('2026-11-26T00:00:00.000Z');
    await memberAdded(h.teamId);
    let [run] = await runsOf(r.id);
    expect(run?.status).toBe('waiting');
    expect(run?.actions[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(run?.actions[0]?.nextAttemptAt ?? '') - h.t.clock.now().getTime()).toBe(60_000);
    for (const minutes of [1, 5, 30, 120]) {
      h.t.clock.advance(minutes * 60_000);
      await runJob(h.t.ctx, 'automation.actions');
    }
    [run] = await runsOf(r.id);
    expect(run?.status).toBe('failed');
    expect(run?.actions[0]).toMatchObject({ status: 'failed', attempts: 5 });
    expect(run?.actions[1]?.status).toBe('pending');
    const failed = await req<{ items: Array<{ id: string; ruleName: string; lastError: string }> }>(
      'GET',
      '/api/automation/failed-actions',
    );
    const mine = failed.items.find((f) => f.ruleName === 'Fehlschlag');
    expect(mine?.lastError).toContain('template');
    // repaired, retried: done, and the run goes on
    await hide(null);
    const retried = await req<{ status: string }>('POST', `/api/automation/failed-actions/${mine?.id}/retry`);
    expect(retried.status).toBe('done');
    [run] = await runsOf(r.id);
    expect(run?.status).toBe('done');
    expect(await mailsTo('after@example.com')).toHaveLength(1);
    await req('POST', `/api/automation/failed-actions/${mine?.id}/retry`, undefined, 409);

    // a second run that fails for good is discarded: the next action runs
    await hide('2026-11-26T00:00:00.000Z');
    await memberAdded(h.teamId);
    for (const minutes of [1, 5, 30, 120]) {
      h.t.clock.advance(minutes * 60_000);
      await runJob(h.t.ctx, 'automation.actions');
    }
    const again = (
      await req<{ items: Array<{ id: string; ruleName: string }> }>('GET', '/api/automation/failed-actions')
    ).items.find((f) => f.ruleName === 'Fehlschlag');
    const discarded = await req<{ status: string }>(
      'POST',
      `/api/automation/failed-actions/${again?.id}/discard`,
    );
    expect(discarded.status).toBe('discarded');
    [run] = await runsOf(r.id);
    expect(run?.status).toBe('done');
    expect(run?.actions.map((a) => a.status)).toEqual(['discarded', 'done']);
    expect(await mailsTo('after@example.com')).toHaveLength(2);
    await hide(null);
    await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });

  it('counts a wait from when it is reached: an action retried late moves the ones after the wait', async () => {
    const late = await req<EmailTemplate>(
      'POST',
      '/api/automation/email-templates',
      { name: 'Spät', subjectDe: 'a', bodyDe: 'b', subjectEn: 'a', bodyEn: 'b' },
      201,
    );
    const r = await req<Rule>(
      'POST',
      '/api/rules',
      rule({
        name: 'Warten nach Wiederholung',
        actions: [
          { kind: 'send_email', templateId: late.id, to: { kind: 'address', email: 'first@example.com' } },
          { kind: 'wait', minutes: 60 },
          {
            kind: 'send_email',
            templateId: h.template.id,
            to: { kind: 'address', email: 'second@example.com' },
          },
        ],
      }),
      201,
    );
    const hide = (deleted: string | null) =>
      h.t.ctx.db
        .updateTable('automation_email_templates')
        .set({ deleted_at: deleted })
        .where('id', '=', late.id)
        .execute();
    await hide('2026-11-26T00:00:00.000Z');
    await memberAdded(h.teamId);
    await hide(null);
    // the first action succeeds 50 minutes late (its retry); the wait starts then
    h.t.clock.advance(50 * 60_000);
    await runJob(h.t.ctx, 'automation.actions');
    expect(await mailsTo('first@example.com')).toHaveLength(1);
    h.t.clock.advance(15 * 60_000);
    await runJob(h.t.ctx, 'automation.actions');
    expect(await mailsTo('second@example.com')).toHaveLength(0);
    h.t.clock.advance(50 * 60_000);
    await runJob(h.t.ctx, 'automation.actions');
    expect(await mailsTo('second@example.com')).toHaveLength(1);
    await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });

  it('two runners carry on due actions concurrently, each action exactly once', async () => {
    const r = await req<Rule>(
      'POST',
      '/api/rules',
      rule({
        name: 'Parallel',
        actions: [
          { kind: 'wait', minutes: 10 },
          {
            kind: 'send_email',
            templateId: h.template.id,
            to: { kind: 'address', email: 'parallel@example.com' },
          },
        ],
      }),
      201,
    );
    for (let i = 0; i < 8; i++) await memberAdded(h.teamId);
    h.t.clock.advance(11 * 60_000);
    const counts = await Promise.all([
      runDueActions(h.t.ctx),
      runDueActions(h.t.ctx),
      runDueActions(h.t.ctx),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(8);
    expect(await mailsTo('parallel@example.com')).toHaveLength(8);
    expect((await runsOf(r.id)).every((run) => run.status === 'done')).toBe(true);
    await req('PUT', `/api/rules/${r.id}`, { version: 1, enabled: false });
  });
});
