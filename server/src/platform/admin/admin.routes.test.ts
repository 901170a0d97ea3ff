import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetter, EventDelivery, JobRun, Mail } from '../../../../contracts/admin';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { systemActor } from '../actor';
import { createDispatcher } from '../events/dispatcher';
import { publish } from '../events/publish';
import { uuidv7 } from '../ids';

describe.each(DIALECTS)('admin API (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let sales: TestSession;
  let failing = true;
  let handled = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // One attempt, then dead: the dead-letter list fills at once.
    t.ctx.dispatcher = createDispatcher(t.ctx, {
      retry: { maxAttempts: 1, baseDelayMs: 10, factor: 2 },
      scheduler: false,
    });
    t.ctx.events.subscribe('team.member_added', 'test.fragile', async () => {
      if (failing) throw new Error('the CRM of the customer is down');
      handled++;
    });
    admin = await createUserAndLogin(t, { role: 'admin' });
    sales = await createUserAndLogin(t, { role: 'sales' });
    await t.ctx.dispatcher.drain(); // welcome mails
  });
  afterAll(() => t?.close());

  const raise = () =>
    t.ctx.db.transaction().execute((trx) =>
      publish(trx, t.clock, systemActor('test'), 'team.member_added', {
        teamId: uuidv7(),
        userId: uuidv7(),
      }),
    );
  const get = (url: string, s: TestSession = admin) =>
    t.app.inject({ method: 'GET', url, headers: s.headers });
  const post = (url: string, payload?: object, s: TestSession = admin) =>
    t.app.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });

  it('lists dead letters with their event, retries one until it is handled, discards another', async () => {
    const eventId = await raise();
    expect(await t.ctx.dispatcher.drain()).toMatchObject({ dead: 1 });

    const list = await get('/api/admin/dead-letters');
    expect(list.statusCode).toBe(200);
    const [dead] = list.json<{ items: DeadLetter[] }>().items;
    expect(dead).toMatchObject({
      eventId,
      eventType: 'team.member_added',
      subscriber: 'test.fragile',
      status: 'dead',
      attempts: 1,
      lastError: 'the CRM of the customer is down',
    });
    expect(dead!.payload).toHaveProperty('teamId');

    failing = false;
    const retried = await post(`/api/admin/dead-letters/${dead!.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json<EventDelivery>()).toMatchObject({ id: dead!.id, status: 'pending' });
    expect(await t.ctx.dispatcher.drain()).toMatchObject({ done: 1 });
    expect(handled).toBe(1);
    expect((await get('/api/admin/dead-letters')).json<{ items: DeadLetter[] }>().items).toEqual([]);
    // Only dead letters can be retried.
    expect((await post(`/api/admin/dead-letters/${dead!.id}/retry`)).statusCode).toBe(409);

    failing = true;
    await raise();
    await t.ctx.dispatcher.drain();
    const [other] = (await get('/api/admin/dead-letters?subscriber=test.fragile')).json<{
      items: DeadLetter[];
    }>().items;
    const discarded = await post(`/api/admin/dead-letters/${other!.id}/discard`);
    expect(discarded.json<EventDelivery>()).toMatchObject({ status: 'discarded' });
    expect((await get('/api/admin/dead-letters')).json<{ items: DeadLetter[] }>().items).toEqual([]);
    expect((await post(`/api/admin/dead-letters/${uuidv7()}/discard`)).statusCode).toBe(404);
  });

  it('lists the jobs and runs one as of a date; an unknown job is a 404 naming the known ones', async () => {
    const jobs = await get('/api/admin/jobs');
    expect(jobs.statusCode).toBe(200);
    const sendMail = jobs
      .json<{ items: { name: string; cron: string; timezone: string; nextRunAt: string | null }[] }>()
      .items.find((j) => j.name === 'platform.send-mail');
    expect(sendMail).toMatchObject({ cron: '* * * * *', timezone: 'Europe/Berlin' });
    expect(sendMail?.nextRunAt).toBeTruthy();

    const run = await post('/api/admin/jobs/platform.prune/run', { asOf: '2026-12-01' });
    expect(run.statusCode).toBe(200);
    expect(run.json<JobRun>()).toMatchObject({
      name: 'platform.prune',
      trigger: 'api',
      asOf: '2026-12-01',
      status: 'succeeded',
    });
    expect((await post('/api/admin/jobs/platform.send-mail/run')).json<JobRun>().status).toBe('succeeded');
    expect((await post('/api/admin/jobs/platform.prune/run', { asOf: '1.12.2026' })).statusCode).toBe(400);

    const unknown = await post('/api/admin/jobs/nope/run', {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ detail: string }>().detail).toContain('known jobs: ');

    const listed = await get('/api/admin/jobs');
    const prune = listed
      .json<{ items: { name: string; lastRun: JobRun | null }[] }>()
      .items.find((j) => j.name === 'platform.prune');
    expect(prune?.lastRun).toMatchObject({ asOf: '2026-12-01', status: 'succeeded' });
    const runs = await get('/api/admin/job-runs?name=platform.prune');
    expect(runs.json<{ items: JobRun[] }>().items).toHaveLength(1);
  });

  it('shows the mail outbox page by page', async () => {
    const first = await get('/api/admin/mail?limit=1');
    expect(first.statusCode).toBe(200);
    const page = first.json<{ items: Mail[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ status: 'outbox', subject: 'Willkommen bei Kontor' });
    const second = await get(`/api/admin/mail?limit=1&cursor=${page.nextCursor}`);
    const rest = second.json<{ items: Mail[] }>().items;
    expect(rest).toHaveLength(1);
    expect(rest[0]!.id).not.toBe(page.items[0]!.id);
  });

  it('is for admins only', async () => {
    for (const url of [
      '/api/admin/dead-letters',
      '/api/admin/jobs',
      '/api/admin/job-runs',
      '/api/admin/mail',
    ]) {
      expect((await get(url, sales)).statusCode).toBe(403);
    }
    expect((await post('/api/admin/jobs/platform.prune/run', {}, sales)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/jobs' })).statusCode).toBe(401);
  });
});
