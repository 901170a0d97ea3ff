import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

describe.each(DIALECTS)('job identity.purge-sessions (%s)', (dialect) => {
  let t: TestApp;
  let user: TestSession;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    user = await createUserAndLogin(t, { role: 'sales' });
  });
  afterAll(() => t?.close());

  it('is scheduled nightly and deletes expired sessions and idempotency keys older than a day', async () => {
    const job = t.ctx.jobs.get('identity.purge-sessions');
    expect(job?.cron).toBe('17 3 * * *');

    await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { ...user.headers, 'idempotency-key': 'alt' },
      payload: { name: 'x' },
    });
    expect((await t.ctx.db.selectFrom('idempotency_keys').selectAll().execute()).length).toBe(1);

    // 15 days later: the session expired (14 days idle), the key is older than 24 hours.
    t.clock.advance(15 * 24 * 3600_000);
    const fresh = await createUserAndLogin(t, { role: 'sales' });
    const result = await job!.run({
      db: t.ctx.db,
      dialect,
      clock: t.clock,
      config: t.ctx.config,
      log: t.ctx.log,
    });
    expect(result).toEqual({ summary: 'deleted 1 expired sessions and 1 idempotency keys', idle: false });
    const left = await t.ctx.db.selectFrom('sessions').select('user_id').execute();
    expect(left.map((s) => s.user_id)).toEqual([fresh.user.id]);
    expect(await t.ctx.db.selectFrom('idempotency_keys').selectAll().execute()).toEqual([]);
  });
});
