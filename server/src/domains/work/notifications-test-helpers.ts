import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { systemActor } from '../../platform/actor';
import { runJob } from '../../platform/jobs/run-job';
import { createTestUser } from '../../testing/auth-helpers';
import type { TestApp } from '../../testing/test-app';
import { addTeamMember, createTeam, updateUser } from '../identity';
import { FIRE_REMINDERS_JOB } from './reminders.job';
import { saveWorkSettings } from './work-settings.repository';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives (SMTP_URL points at it). */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
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

/** The body of a received mail with quoted-printable soft line breaks and escapes undone. */
export function mailText(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/(?:=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
}

export async function runReminderJob(t: TestApp) {
  const run = await runJob(t.ctx, FIRE_REMINDERS_JOB);
  if (run.status !== 'succeeded') throw new Error(`reminder job failed: ${run.error}`);
  return run.summary;
}

/** A user (role sales) with optional reminder settings; e-mail reminders are on by default. */
export async function reminderUser(
  t: TestApp,
  input: { name: string; locale?: 'de' | 'en'; emailReminders?: boolean; dailyDigest?: boolean },
) {
  const { user } = await createTestUser(t, {
    role: 'sales',
    name: input.name,
    email: `${input.name.toLowerCase().replace(/\W+/g, '.')}@muster.de`,
    locale: input.locale ?? 'de',
  });
  const patch = { emailReminders: input.emailReminders, dailyDigest: input.dailyDigest };
  if (patch.emailReminders !== undefined || patch.dailyDigest !== undefined) {
    await saveWorkSettings(
      t.ctx.db,
      user.id,
      Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      t.clock.now().toISOString(),
    );
  }
  return user;
}

export async function teamOf(t: TestApp, name: string, memberIds: string[]): Promise<string> {
  const actor = systemActor('test');
  const team = await createTeam(t.ctx, actor, { name });
  for (const id of memberIds) await addTeamMember(t.ctx, actor, team.id, id);
  return team.id;
}

export async function deactivate(t: TestApp, userId: string, version: number) {
  await updateUser(t.ctx, systemActor('test'), userId, { version, active: false });
}

export function notificationsOf(t: TestApp, userId?: string) {
  let q = t.ctx.db.selectFrom('notifications').selectAll();
  if (userId) q = q.where('user_id', '=', userId);
  return q.orderBy('id').execute();
}

export function outbox(t: TestApp) {
  return t.ctx.db.selectFrom('mail_outbox').selectAll().orderBy('to_address').orderBy('id').execute();
}
