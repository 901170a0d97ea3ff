import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookWithSecret } from '../../../../../contracts/webhooks';
import { systemActor } from '../../../platform/actor';
import { createUserAndLogin, type TestSession } from '../../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { DIALECTS } from '../../../testing/test-db';
import { type ActionContext, actionOf } from '../registry';

describe.each(DIALECTS)('webhooks: the rules’ call_webhook action (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let server: Server;
  let url: string;
  const bodies: Array<{ body: string; event: string | undefined }> = [];
  let hook: WebhookWithSecret;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin' });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        bodies.push({ body, event: req.headers['kontor-event'] as string | undefined });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    hook = (
      await t.app.inject({
        method: 'POST',
        url: '/api/webhooks',
        headers: admin.headers,
        payload: { name: 'Leitstand', url, events: ['deal.won'] },
      })
    ).json<WebhookWithSecret>();
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const impl = () => {
    const found = actionOf('call_webhook');
    if (!found) throw new Error('call_webhook is not registered');
    return found;
  };

  it('queues one delivery per action run (a retry adds none) and the sender posts it', async () => {
    const action = { kind: 'call_webhook' as const, webhookId: hook.id };
    expect(await impl().validate?.(t.ctx.db, action, 'deal')).toBeNull();
    const run = async () =>
      t.ctx.db.transaction().execute((trx) =>
        impl().execute(
          {
            trx,
            clock: t.ctx.clock,
            config: t.ctx.config,
            log: pino({ level: 'silent' }),
            actor: systemActor('rule:r1@2'),
            rule: { id: '0193a0a0-0000-7000-8000-000000000001', name: 'Große Deals', version: 2 },
            run: { id: 'run-1', reason: 'weil', triggerKey: 'event:x', eventId: null },
            actionRunId: '0193a0a0-0000-7000-8000-0000000000aa',
            actionIndex: 0,
            root: { type: 'deal', id: '0193a0a0-0000-7000-8000-0000000000dd' },
            scope: { deal: { title: 'Fräse', amountCents: 1_200_000 } },
          } as unknown as ActionContext,
          action,
        ),
      );
    const first = await run();
    const second = await run();
    expect(first).toMatchObject({ entityType: 'webhook_delivery', label: 'Leitstand' });
    expect(second?.entityId).toBe(first?.entityId);
    await t.ctx.dispatcher.drain();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.event).toBe('rule.action');
    expect(JSON.parse(bodies[0]!.body)).toMatchObject({
      id: 'rule:0193a0a0-0000-7000-8000-0000000000aa',
      type: 'rule.action',
      rule: { name: 'Große Deals', version: 2 },
      record: { type: 'deal', id: '0193a0a0-0000-7000-8000-0000000000dd' },
      data: { deal: { title: 'Fräse', amountCents: 1_200_000 } },
    });
  });

  it('refuses to delete or deactivate a webhook while an enabled rule calls it', async () => {
    const inject = (method: 'POST' | 'PUT' | 'DELETE', u: string, payload?: object) =>
      t.app.inject({ method, url: u, headers: admin.headers, ...(payload ? { payload } : {}) });
    const lager = (
      await inject('POST', '/api/webhooks', { name: 'Lager', url, events: ['deal.won'] })
    ).json<WebhookWithSecret>();
    const created = await inject('POST', '/api/rules', {
      name: 'Lager informieren',
      enabled: true,
      trigger: { kind: 'event', event: 'team.member_added' },
      actions: [{ kind: 'call_webhook', webhookId: lager.id }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json<{ id: string; version: number }>();

    const off = await inject('PUT', `/api/webhooks/${lager.id}`, { version: lager.version, active: false });
    expect(off.statusCode, off.body).toBe(422);
    expect(off.json()).toMatchObject({
      code: 'webhooks.in_use',
      errors: [{ path: 'active', message: 'Lager informieren' }],
    });
    expect(off.json<{ detail: string }>().detail).toContain('"Lager informieren"');
    const del = await inject('DELETE', `/api/webhooks/${lager.id}`);
    expect(del.statusCode, del.body).toBe(422);
    expect(del.json()).toMatchObject({ code: 'webhooks.in_use', errors: [{ path: 'id' }] });
    // nothing half-done: still there, still active, renaming is fine
    const renamed = await inject('PUT', `/api/webhooks/${lager.id}`, {
      version: lager.version,
      name: 'Lager 2',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ active: true, version: lager.version + 1 });

    // a disabled rule does not hold the webhook
    const disabled = await inject('PUT', `/api/rules/${rule.id}`, { version: rule.version, enabled: false });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const offNow = await inject('PUT', `/api/webhooks/${lager.id}`, {
      version: lager.version + 1,
      active: false,
    });
    expect(offNow.statusCode, offNow.body).toBe(200);
    expect((await inject('DELETE', `/api/webhooks/${lager.id}`)).statusCode).toBe(204);
  });

  it('refuses an inactive or deleted webhook when the rule is saved', async () => {
    const off = await t.app.inject({
      method: 'PUT',
      url: `/api/webhooks/${hook.id}`,
      headers: admin.headers,
      payload: { version: hook.version, active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    const action = { kind: 'call_webhook' as const, webhookId: hook.id };
    expect(await impl().validate?.(t.ctx.db, action, 'deal')).toContain('inactive');
    await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${hook.id}`, headers: admin.headers });
    expect(await impl().validate?.(t.ctx.db, action, 'deal')).toContain('does not exist');
  });
});
