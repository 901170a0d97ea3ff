import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../../../contracts/events';
import type {
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookWithSecret,
} from '../../../../../contracts/webhooks';
import { systemActor } from '../../../platform/actor';
import { FixedClock } from '../../../platform/clock';
import { runJob } from '../../../platform/jobs/run-job';
import { createUserAndLogin, type TestSession } from '../../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { DIALECTS } from '../../../testing/test-db';
import { makeCompany, postDeal } from '../../sales/sales-test-helpers';
import { enqueueWebhookDeliveries, newDeliveryRow } from './enqueue-deliveries';
import { PRUNE_WEBHOOK_DELIVERIES_JOB } from './prune-deliveries.job';
import { DEFAULT_WEBHOOK_SETTINGS, sendDueWebhookDeliveries } from './send-deliveries';
import { insertDeliveries } from './webhooks.repository';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that records requests and answers with `status`. */
async function startReceiver() {
  const state = { status: 200, requests: [] as Received[] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      state.requests.push({ headers: req.headers, body });
      res.statusCode = state.status;
      res.end(state.status >= 400 ? 'kaputt' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    state,
    url: `http://127.0.0.1:${port}/hooks/kontor`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Verifies a `Kontor-Signature` header as a receiver would: the v1 values that match `secret`. */
function verifies(header: string, secret: string, body: string): boolean {
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  const t = parts.find(([k]) => k === 't')?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return parts.some(([k, v]) => k === 'v1' && v === expected);
}

describe.each(DIALECTS)('webhooks: deal won → signed delivery (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let sales: TestSession;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let hook: WebhookWithSecret;
  const timer = new FixedClock(new Date());
  const settings = { ...DEFAULT_WEBHOOK_SETTINGS, timerClock: timer };

  const req = (s: TestSession, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  const deliveries = async (webhookId = hook.id) =>
    (await req(admin, 'GET', `/api/webhooks/${webhookId}/deliveries`)).json<
      typeof WebhookDeliveryList._output
    >().items;

  async function winDeal(title: string) {
    const companyId = await makeCompany(t, `${title} GmbH`, sales);
    const deal = await postDeal(t, sales, { title, companyId, amountCents: 1_250_000 });
    const res = await req(sales, 'POST', `/api/deals/${deal.id}/win`, { version: deal.version });
    expect(res.statusCode, res.body).toBe(200);
    return deal;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    receiver = await startReceiver();
    admin = await createUserAndLogin(t, { role: 'admin' });
    sales = await createUserAndLogin(t, { role: 'sales' });
    const res = await req(admin, 'POST', '/api/webhooks', {
      name: 'ERP',
      url: receiver.url,
      events: ['deal.won'],
    });
    expect(res.statusCode, res.body).toBe(201);
    hook = res.json<WebhookWithSecret>();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });
  beforeEach(() => {
    receiver.state.status = 200;
    receiver.state.requests.length = 0;
    timer.set(new Date());
  });

  it('returns the secret once and refuses bad URLs and other roles', async () => {
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(hook.secretHint).toBe(`${hook.secret.slice(0, 10)}…`);
    const read = (await req(admin, 'GET', `/api/webhooks/${hook.id}`)).json<Webhook & { secret?: string }>();
    expect(read.secret).toBeUndefined();
    expect(read).toMatchObject({ name: 'ERP', events: ['deal.won'], active: true, version: 1 });

    const creds = await req(admin, 'POST', '/api/webhooks', {
      name: 'x',
      url: 'https://user:pw@example.com/hook',
      events: ['deal.won'],
    });
    expect(creds.statusCode).toBe(422);
    expect(creds.json()).toMatchObject({ code: 'webhooks.invalid_url', errors: [{ path: 'url' }] });
    const ftp = await req(admin, 'POST', '/api/webhooks', {
      name: 'x',
      url: 'ftp://example.com/hook',
      events: ['deal.won'],
    });
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json()).toMatchObject({ errors: [{ path: 'url' }] });
    const unknownEvent = await req(admin, 'POST', '/api/webhooks', {
      name: 'x',
      url: 'https://example.com/hook',
      events: ['deal.exploded'],
    });
    expect(unknownEvent.statusCode).toBe(400);
    expect((await req(sales, 'GET', '/api/webhooks')).statusCode).toBe(403);
  });

  it('delivers deal.won once, signed, with the event as body', async () => {
    const deal = await winDeal('Fräsmaschine');
    await t.ctx.dispatcher.drain();
    expect(receiver.state.requests).toHaveLength(1);
    const [got] = receiver.state.requests as [Received];
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['user-agent']).toBe('Kontor-Webhooks/1');
    expect(got.headers['kontor-event']).toBe('deal.won');
    const signature = String(got.headers['kontor-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifies(signature, hook.secret, got.body)).toBe(true);
    expect(verifies(signature, 'whsec_wrong', got.body)).toBe(false);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      type: 'deal.won',
      data: { dealId: deal.id, amountCents: 1_250_000, currency: 'EUR' },
    });
    expect(typeof body.id).toBe('string');
    expect(typeof body.occurredAt).toBe('string');

    const [delivery] = await deliveries();
    expect(got.headers['kontor-delivery']).toBe(delivery!.id);
    expect(delivery).toMatchObject({
      eventId: body.id,
      eventType: 'deal.won',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      attemptLog: [{ statusCode: 200, error: null }],
    });

    // the same event handled again (a redelivery after a crash) adds no second delivery
    const event: DomainEvent = {
      id: body.id,
      type: 'deal.won',
      payload: body.data,
      occurredAt: body.occurredAt,
      actorId: null,
      origin: null,
    };
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        enqueueWebhookDeliveries(
          { trx, db: trx, clock: t.ctx.clock, config: t.ctx.config, actor: systemActor('event:deal.won') },
          [event, event],
        ),
      );
    await t.ctx.dispatcher.drain();
    expect(await deliveries()).toHaveLength(1);
    expect(receiver.state.requests).toHaveLength(1);
  });

  it('retries a failing receiver with backoff, then gives up; the log shows the codes; resend works', async () => {
    receiver.state.status = 500;
    await winDeal('Drehbank');
    await t.ctx.dispatcher.drain(); // attempt 1 right away, its retry time on the real clock
    timer.set(new Date());
    let [d] = await deliveries();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(d!.lastError).toContain('HTTP 500: kaputt');
    const waits = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];
    for (const [i, wait] of waits.entries()) {
      // not due a moment before its time
      timer.advance(wait - 1_000);
      expect(await sendDueWebhookDeliveries(t.ctx, settings)).toBe(0);
      timer.advance(1_000);
      expect(await sendDueWebhookDeliveries(t.ctx, settings)).toBe(1);
      [d] = await deliveries();
      expect(d!.attempts).toBe(i + 2);
    }
    expect(d).toMatchObject({ status: 'failed', attempts: 6, nextAttemptAt: null });
    expect(d!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 500, 500, 500, 500]);
    timer.advance(24 * 3_600_000);
    expect(await sendDueWebhookDeliveries(t.ctx, settings)).toBe(0);
    expect(receiver.state.requests).toHaveLength(6);
    expect(new Set(receiver.state.requests.map((r) => r.headers['kontor-delivery']))).toEqual(
      new Set([d!.id]),
    );

    receiver.state.status = 204;
    const resent = await req(admin, 'POST', `/api/webhooks/deliveries/${d!.id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json<WebhookDelivery>()).toMatchObject({
      status: 'delivered',
      attempts: 7,
      lastStatusCode: 204,
    });
    // a delivered one can be sent again too; a failure then leaves it delivered, logged
    receiver.state.status = 503;
    const again = (
      await req(admin, 'POST', `/api/webhooks/deliveries/${d!.id}/resend`)
    ).json<WebhookDelivery>();
    expect(again).toMatchObject({ status: 'delivered', attempts: 8, lastStatusCode: 503 });
    expect(again.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 500, 500, 500, 500, 204, 503]);
    expect(receiver.state.requests).toHaveLength(8);

    const failedOnly = await req(admin, 'GET', `/api/webhooks/${hook.id}/deliveries?status=failed`);
    expect(failedOnly.json<{ items: unknown[] }>().items).toHaveLength(0);
  });

  it('pings, and signs with both secrets during the grace period after a rotation', async () => {
    const rotated = await req(admin, 'POST', `/api/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const fresh = rotated.json<WebhookWithSecret>();
    expect(fresh.secret).not.toBe(hook.secret);
    expect(fresh.previousSecretExpiresAt).not.toBeNull();
    expect(fresh.version).toBe(hook.version + 1);

    const ping = await req(admin, 'POST', `/api/webhooks/${hook.id}/ping`);
    expect(ping.statusCode, ping.body).toBe(200);
    expect(ping.json<WebhookDelivery>()).toMatchObject({ eventType: 'webhook.ping', status: 'delivered' });
    const [got] = receiver.state.requests as [Received];
    expect(got.headers['kontor-event']).toBe('webhook.ping');
    const signature = String(got.headers['kontor-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifies(signature, fresh.secret, got.body)).toBe(true);
    expect(verifies(signature, hook.secret, got.body)).toBe(true);

    // after the 24 hours only the new secret signs
    await winDeal('Schleifmaschine');
    receiver.state.status = 500;
    await t.ctx.dispatcher.drain();
    receiver.state.status = 200;
    timer.advance(25 * 3_600_000);
    expect(await sendDueWebhookDeliveries(t.ctx, settings)).toBe(1);
    const last = receiver.state.requests.at(-1)!;
    const later = String(last.headers['kontor-signature']);
    expect(later).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifies(later, fresh.secret, last.body)).toBe(true);
    expect(verifies(later, hook.secret, last.body)).toBe(false);
    hook = { ...hook, ...fresh };
  });

  it('two senders at once POST each delivery once', async () => {
    const other = (
      await req(admin, 'POST', '/api/webhooks', { name: 'Zweit', url: receiver.url, events: ['deal.won'] })
    ).json<WebhookWithSecret>();
    const rows = Array.from({ length: 30 }, (_, i) =>
      newDeliveryRow({
        webhookId: other.id,
        eventId: `0000000${i}`,
        eventType: 'deal.won',
        body: { n: i },
        createdAt: new Date().toISOString(),
      }),
    );
    await insertDeliveries(t.ctx.db, rows);
    const small = { ...settings, batchSize: 4 };
    const [a, b] = await Promise.all([
      sendDueWebhookDeliveries(t.ctx, small),
      sendDueWebhookDeliveries(t.ctx, small),
    ]);
    expect(a + b).toBe(30);
    const ids = receiver.state.requests.map((r) => r.headers['kontor-delivery']);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect((await req(admin, 'DELETE', `/api/webhooks/${other.id}`)).statusCode).toBe(204);
  });

  it('a failed ping is a one-off: marked failed, never retried', async () => {
    const probe = (
      await req(admin, 'POST', '/api/webhooks', { name: 'Probe', url: receiver.url, events: ['deal.won'] })
    ).json<WebhookWithSecret>();
    receiver.state.status = 500;
    const ping = await req(admin, 'POST', `/api/webhooks/${probe.id}/ping`);
    expect(ping.statusCode, ping.body).toBe(200);
    const sent = ping.json<WebhookDelivery>();
    expect(sent).toMatchObject({
      eventType: 'webhook.ping',
      status: 'failed',
      attempts: 1,
      lastStatusCode: 500,
    });
    expect(sent.nextAttemptAt).toBeNull();
    receiver.state.status = 200;
    for (const wait of [60_000, 3_600_000, 8 * 3_600_000]) {
      timer.advance(wait);
      await sendDueWebhookDeliveries(t.ctx, settings);
    }
    expect(receiver.state.requests).toHaveLength(1);
    expect((await deliveries(probe.id))[0]).toMatchObject({ id: sent.id, status: 'failed', attempts: 1 });

    // a successful one is delivered; a failed one can still be resent by hand
    const ok = (await req(admin, 'POST', `/api/webhooks/${probe.id}/ping`)).json<WebhookDelivery>();
    expect(ok).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    const resent = (
      await req(admin, 'POST', `/api/webhooks/deliveries/${sent.id}/resend`)
    ).json<WebhookDelivery>();
    expect(resent).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await req(admin, 'DELETE', `/api/webhooks/${probe.id}`)).statusCode).toBe(204);
  });

  it('deactivating gives up the queued deliveries; a partial edit keeps it off; the audit masks the query', async () => {
    const created = (
      await req(admin, 'POST', '/api/webhooks', {
        name: 'Kasse',
        url: `${receiver.url}?token=geheim123&mode=x`,
        events: ['deal.won'],
      })
    ).json<WebhookWithSecret>();
    const queued = ['k1', 'k2'].map((eventId) =>
      newDeliveryRow({
        webhookId: created.id,
        eventId,
        eventType: 'deal.won',
        body: { eventId },
        createdAt: new Date().toISOString(),
        // not due yet, as if waiting for a retry
        notBefore: new Date(timer.now().getTime() + 3_600_000).toISOString(),
      }),
    );
    await insertDeliveries(t.ctx.db, queued);
    const off = await req(admin, 'PUT', `/api/webhooks/${created.id}`, {
      version: created.version,
      active: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    const given = await deliveries(created.id);
    expect(given).toHaveLength(2);
    for (const d of given) {
      expect(d).toMatchObject({
        status: 'failed',
        lastError: 'The webhook was deactivated',
        nextAttemptAt: null,
      });
    }

    const renamed = await req(admin, 'PUT', `/api/webhooks/${created.id}`, {
      version: off.json<Webhook>().version,
      name: 'Kasse Filiale',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<Webhook>()).toMatchObject({ name: 'Kasse Filiale', active: false });
    expect((await req(admin, 'GET', `/api/webhooks/${created.id}`)).json<Webhook>().active).toBe(false);

    // switched on again, the given-up deliveries do not all go out
    const on = await req(admin, 'PUT', `/api/webhooks/${created.id}`, {
      version: renamed.json<Webhook>().version,
      active: true,
    });
    expect(on.json<Webhook>()).toMatchObject({ active: true, url: `${receiver.url}?token=geheim123&mode=x` });
    timer.advance(2 * 3_600_000);
    await sendDueWebhookDeliveries(t.ctx, settings);
    expect(receiver.state.requests).toHaveLength(0);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_type', '=', 'webhook')
      .where('entity_id', '=', created.id)
      .execute();
    const text = audit.map((a) => a.changes).join();
    expect(text).not.toContain('geheim123');
    expect(text).toContain('token=***&mode=***');
    expect((await req(admin, 'DELETE', `/api/webhooks/${created.id}`)).statusCode).toBe(204);
  });

  it('the nightly prune deletes delivered deliveries after 30 days, failed after 90, never pending ones', async () => {
    const since = (await deliveries()).map((d) => d.id);
    receiver.state.status = 204;
    await winDeal('Walze');
    await t.ctx.dispatcher.drain();
    receiver.state.status = 500;
    await winDeal('Spindel');
    await t.ctx.dispatcher.drain();
    const mine = (await deliveries()).filter((d) => !since.includes(d.id));
    const delivered = mine.find((d) => d.status === 'delivered')!;
    const pending = mine.find((d) => d.status === 'pending')!;
    expect(delivered && pending).toBeTruthy();
    // one more, given up (as after its last retry)
    receiver.state.status = 500;
    await winDeal('Lager');
    await t.ctx.dispatcher.drain();
    const failed = (await deliveries()).find(
      (d) => !since.includes(d.id) && d.id !== pending.id && d.id !== delivered.id,
    )!;
    await t.ctx.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', next_attempt_at: null })
      .where('id', '=', failed.id)
      .execute();

    const left = async () =>
      (
        await t.ctx.db
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('id', 'in', [delivered.id, pending.id, failed.id])
          .execute()
      )
        .map((r) => r.id)
        .sort();
    const attemptsOf = async (id: string) =>
      (await t.ctx.db.selectFrom('webhook_attempts').select('id').where('delivery_id', '=', id).execute())
        .length;
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    expect(await attemptsOf(delivered.id)).toBe(1);

    await runJob(t.ctx, PRUNE_WEBHOOK_DELIVERIES_JOB, { asOf: day(29) });
    expect(await left()).toEqual([delivered.id, failed.id, pending.id].sort());
    await runJob(t.ctx, PRUNE_WEBHOOK_DELIVERIES_JOB, { asOf: day(32) });
    expect(await left()).toEqual([failed.id, pending.id].sort());
    expect(await attemptsOf(delivered.id)).toBe(0);
    await runJob(t.ctx, PRUNE_WEBHOOK_DELIVERIES_JOB, { asOf: day(92) });
    expect(await left()).toEqual([pending.id]);
  });

  it('edits with the version, stops on deactivate and delete', async () => {
    const stale = await req(admin, 'PUT', `/api/webhooks/${hook.id}`, { version: 1, active: false });
    expect(stale.statusCode).toBe(409);
    const off = await req(admin, 'PUT', `/api/webhooks/${hook.id}`, { version: hook.version, active: false });
    expect(off.statusCode, off.body).toBe(200);
    const before = (await deliveries()).length;
    await winDeal('Presse');
    await t.ctx.dispatcher.drain();
    expect(receiver.state.requests).toHaveLength(0);
    expect(await deliveries()).toHaveLength(before);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'webhook')
      .where('entity_id', '=', hook.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audit.map((a) => a.changes).join()).not.toContain(hook.secret);

    expect((await req(admin, 'DELETE', `/api/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await req(admin, 'GET', `/api/webhooks/${hook.id}`)).statusCode).toBe(404);
    expect((await req(admin, 'GET', '/api/webhooks')).json<{ items: Webhook[] }>().items).toHaveLength(0);
  });
});
