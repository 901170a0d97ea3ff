import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../../contracts/events';
import { systemActor } from '../../platform/actor';
import { createUserAndLogin } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

describe.each(DIALECTS)('welcome mail on user.created (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  const deliver = async (payload: DomainEvent<'user.created'>['payload']) => {
    const sub = t.ctx.events.byName('identity.welcome-mail');
    expect(sub?.type).toBe('user.created');
    const event: DomainEvent<'user.created'> = {
      id: '01890a5d-ac96-774b-bcce-b302099a8057',
      type: 'user.created',
      payload,
      occurredAt: t.clock.now().toISOString(),
      actorId: null,
      origin: null,
    };
    await t.ctx.db.transaction().execute((trx) =>
      sub!.handler(event, {
        trx,
        db: t.ctx.db,
        clock: t.clock,
        config: t.ctx.config,
        actor: systemActor('event:user.created'),
      }),
    );
  };

  it('queues a welcome mail in the user’s language, without any password', async () => {
    await deliver({
      userId: '01890a5d-ac96-774b-bcce-b302099a8001',
      email: 'julia@muster.de',
      name: 'Julia',
      locale: 'de',
    });
    await deliver({
      userId: '01890a5d-ac96-774b-bcce-b302099a8002',
      email: 'john@example.com',
      name: 'John',
      locale: 'en',
    });
    const mails = await t.ctx.db.selectFrom('mail_outbox').selectAll().orderBy('to_address').execute();
    expect(mails.map((m) => [m.to_address, m.subject, m.status])).toEqual([
      ['john@example.com', 'Welcome to Kontor', 'outbox'],
      ['julia@muster.de', 'Willkommen bei Kontor', 'outbox'],
    ]);
    expect(mails[1]!.text_body).toContain('Hallo Julia,');
    expect(mails[0]!.text_body).toContain('john@example.com');
    for (const m of mails) expect(m.text_body.toLowerCase()).not.toMatch(/passwor[dt]:/);
  });

  it('is delivered through the outbox when an admin creates a user', async () => {
    const admin = await createUserAndLogin(t, { role: 'admin' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'lukas@muster.de', name: 'Lukas Wagner', password: 'passwort-lukas', role: 'sales' },
    });
    expect(res.statusCode).toBe(201);
    await t.ctx.dispatcher.drain();
    await t.ctx.dispatcher.drain();
    const mails = await t.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'lukas@muster.de')
      .execute();
    expect(mails.map((m) => m.subject)).toEqual(['Willkommen bei Kontor']);
    expect(mails[0]!.text_body).not.toContain('passwort-lukas');
  });
});
