import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { systemActor } from '../actor';
import { createContext } from '../bootstrap';
import { FixedClock } from '../clock';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { publish } from '../events/publish';
import { runJob } from '../jobs/run-job';
import { queueMail } from './queue-mail';
import { DEFAULT_MAIL_SETTINGS, type MailSettings, parseSmtpUrl, sendPendingMail } from './send-mail';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives; `reject` answers RCPT TO with an error code. */
async function startSmtp(reject?: { code: number; message: string }) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!reject) return callback();
      const err = Object.assign(new Error(reject.message), { responseCode: reject.code });
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}?from=crm%40muster.de`,
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}

describe('parseSmtpUrl', () => {
  it('takes the sender from ?from= and hands the rest to nodemailer', () => {
    expect(parseSmtpUrl('smtp://u:p@mail.example.com:587?from=crm%40example.com')).toEqual({
      transportUrl: 'smtp://u:p@mail.example.com:587',
      from: 'crm@example.com',
    });
    expect(parseSmtpUrl('smtps://mail.example.com').from).toBe('Kontor <kontor@localhost>');
  });
});

describe.each(DIALECTS)('mail (%s)', (dialect) => {
  let db: TestDatabase;
  let ctx: AppContext;
  const cleanup: (() => Promise<void>)[] = [];
  const timer = new FixedClock(new Date());
  const settings: MailSettings = {
    ...DEFAULT_MAIL_SETTINGS,
    retry: { maxAttempts: 3, baseDelayMs: 1000, factor: 2 },
    timerClock: timer,
  };

  async function setup(smtpUrl: string | null) {
    db = await createTestDatabase(dialect);
    const config: Config = {
      port: 0,
      host: '127.0.0.1',
      database:
        dialect === 'sqlite'
          ? { dialect: 'sqlite', file: db.url.slice(7) }
          : { dialect: 'postgres', url: db.url },
      timezone: 'Europe/Berlin',
      secret: 'test-secret-test-secret-test-secret',
      smtpUrl,
      logLevel: 'silent',
      dataDir: '/tmp',
    };
    ctx = await createContext(config, {
      clock: new FixedClock(new Date('2026-11-26T09:00:00.000Z')),
      log: pino({ level: 'silent' }),
      dbHandle: db.handle,
      migrate: false,
      dispatcher: {
        pollIntervalMs: 50,
        scheduler: false,
        mail: settings,
        boss: { pollingIntervalSeconds: 0.5 },
      },
    });
  }

  const queue = (to: string, subject = 'Hallo') =>
    ctx.db.transaction().execute((trx) => queueMail(trx, ctx.clock, { to, subject, text: `Text for ${to}` }));
  const mails = () => ctx.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();

  afterEach(async () => {
    await ctx?.dispatcher.stop();
    for (const c of cleanup.splice(0)) await c();
    await db?.destroy();
  });

  it('queues mail with the transaction and, without SMTP_URL, keeps it in the outbox', async () => {
    await setup(null);
    await queue('julia@muster.de');
    await ctx.db
      .transaction()
      .execute(async (trx) => {
        await queueMail(trx, ctx.clock, { to: 'rolled@back.de', subject: 'x', text: 'x' });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    const run = await runJob(ctx, 'platform.send-mail');
    expect(run.summary).toBe('SMTP_URL is not set: 1 mail(s) wait in the outbox');
    expect((await mails()).map((m) => [m.to_address, m.status, m.attempts, m.created_at])).toEqual([
      ['julia@muster.de', 'outbox', 0, '2026-11-26T09:00:00.000Z'],
    ]);
  });

  it('sends through SMTP: the mail arrives at the server and is marked sent', async () => {
    const server = await startSmtp();
    cleanup.push(server.close);
    await setup(server.url);
    await queue('julia@muster.de', 'Willkommen bei Kontor');
    const run = await runJob(ctx, 'platform.send-mail');
    expect(run.summary).toBe('1 sent, 0 to retry, 0 failed');
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ from: 'crm@muster.de', to: ['julia@muster.de'] });
    expect(server.received[0]!.raw).toContain('Subject: Willkommen bei Kontor');
    expect(server.received[0]!.raw).toContain('Text for julia@muster.de');
    const [mail] = await mails();
    expect(mail).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(mail!.sent_at).not.toBeNull();
    // Sent is sent: a second run sends nothing.
    expect((await runJob(ctx, 'platform.send-mail')).summary).toBe('0 sent, 0 to retry, 0 failed');
    expect(server.received).toHaveLength(1);
  });

  it('retries a temporary SMTP failure with backoff and gives up on a permanent one', async () => {
    const temporary = await startSmtp({ code: 451, message: 'try again later' });
    cleanup.push(temporary.close);
    await setup(temporary.url);
    await queue('later@muster.de');
    expect(await sendPendingMail(ctx, settings)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let [mail] = await mails();
    expect(mail).toMatchObject({ status: 'outbox', attempts: 1 });
    expect(mail!.last_error).toContain('try again later');
    expect(Date.parse(mail!.next_attempt_at!) - timer.now().getTime()).toBe(1000);
    expect(await sendPendingMail(ctx, settings)).toEqual({ sent: 0, retrying: 0, failed: 0 }); // not due yet
    timer.advance(1000);
    expect(await sendPendingMail(ctx, settings)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    timer.advance(2000);
    expect(await sendPendingMail(ctx, settings)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    [mail] = await mails();
    expect(mail).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null });

    const permanent = await startSmtp({ code: 550, message: 'no such mailbox' });
    cleanup.push(permanent.close);
    ctx.config.smtpUrl = permanent.url;
    await queue('nobody@muster.de');
    expect(await sendPendingMail(ctx, settings)).toEqual({ sent: 0, retrying: 0, failed: 1 });
  });

  it('sends mail queued by an event handler right after the event, without waiting for the job', async () => {
    const server = await startSmtp();
    cleanup.push(server.close);
    await setup(server.url);
    ctx.events.subscribe('user.created', 'test.welcome', async (event, h) => {
      await queueMail(h.trx, h.clock, { to: event.payload.email, subject: 'Welcome', text: 'Hello' });
    });
    await ctx.dispatcher.start();
    await ctx.db.transaction().execute((trx) =>
      publish(trx, ctx.clock, systemActor('test'), 'user.created', {
        userId: '01890a5d-ac96-774b-bcce-b302099a8001',
        email: 'new@muster.de',
        name: 'New',
        locale: 'en',
      }),
    );
    ctx.dispatcher.kick();
    const until = Date.now() + 10_000;
    while (server.received.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(server.received.map((r) => r.to)).toEqual([['new@muster.de']]);
  });
});
