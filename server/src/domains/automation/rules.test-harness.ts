import { afterAll, beforeAll, expect } from 'vitest';
import type { CreateRule, EmailTemplate } from '../../../../contracts/automation';
import type { RuleRun } from '../../../../contracts/automation-runs';
import { systemActor } from '../../platform/actor';
import type { Dialect } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { uuidv7 } from '../../platform/ids';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The setup of the rule tests (call inside `describe`): an app with an admin and an e-mail template,
 * and rules on `team.member_added` (no record: conditions on `event.*`), so the engine's tests do
 * not depend on the domains' record types.
 */
export function ruleHarness(dialect: Dialect) {
  const h = {
    t: undefined as unknown as TestApp,
    admin: undefined as unknown as TestSession,
    template: undefined as unknown as EmailTemplate,
    teamId: uuidv7(),
  };
  const req = async <T>(method: Method, url: string, payload?: object, status = 200) => {
    const res = await h.t.app.inject({
      method,
      url,
      headers: h.admin.headers,
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return (res.body ? res.json() : null) as T;
  };
  /** Raises `team.member_added` (as `origin`, when given) and lets the subscribers run. */
  const memberAdded = async (team: string, origin = 'test') => {
    const id = await h.t.ctx.db.transaction().execute((trx) =>
      publish(trx, h.t.ctx.clock, systemActor(origin), 'team.member_added', {
        teamId: team,
        userId: h.admin.user.id,
      }),
    );
    await h.t.ctx.dispatcher.drain();
    return id;
  };
  const runsOf = async (ruleId: string) =>
    (await req<{ items: RuleRun[] }>('GET', `/api/rules/${ruleId}/runs`)).items;
  const mailsTo = (to: string) =>
    h.t.ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).execute();
  const rule = (over: Partial<CreateRule> = {}): CreateRule => ({
    name: 'Neues Teammitglied',
    enabled: true,
    trigger: { kind: 'event', event: 'team.member_added' },
    conditions: { match: 'all', items: [{ field: 'event.teamId', op: 'eq', value: h.teamId }] },
    actions: [
      { kind: 'send_email', templateId: h.template.id, to: { kind: 'address', email: 'team@example.com' } },
    ],
    ...over,
  });

  beforeAll(async () => {
    h.t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    h.admin = await createUserAndLogin(h.t, { role: 'admin', name: 'Katrin Hoffmann' });
    h.template = await req<EmailTemplate>(
      'POST',
      '/api/automation/email-templates',
      {
        name: 'Willkommen',
        subjectDe: 'Neu im Team {{event.teamId}}',
        bodyDe: 'Hallo, {{event.userId}} ist dabei.',
        subjectEn: 'New in team {{event.teamId}}',
        bodyEn: 'Hello, {{event.userId}} joined.',
      },
      201,
    );
  });
  afterAll(() => h.t?.close());

  return { h, req, memberAdded, runsOf, mailsTo, rule };
}
